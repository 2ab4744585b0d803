// What the directory form's last Test or Test & save did — shared by the form and the setup's gates, in a module
// without React so the gates' tests type-check without the DOM.
import type { DirectoryTestResult } from '../../../shared/api/methods-directory';

export type DirectoryOutcome =
  | { kind: 'tested'; test: DirectoryTestResult }
  | { kind: 'saved'; test: DirectoryTestResult; rotated: string | null }
  | { kind: 'saved-anyway'; rotated: string | null }
  | { kind: 'not-saved'; test: DirectoryTestResult };
