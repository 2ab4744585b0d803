// When a setup step is done, and if not, why Continue is unavailable — in words the admin can act on. Pure, so
// the rules are tested without a browser (test/unit/directory/settings-wizard-gates.test.ts).
import type { SetupStatus } from '../../../shared/api/methods-setup';
import type { ApplyingState } from '../../../shared/api/methods-sync';
import type { DirectoryOutcome } from './directory-outcome';

export type StepState =
  | { step: 'directory'; outcome: DirectoryOutcome | null; status: SetupStatus | undefined }
  | { step: 'app'; appId: string | null; test: boolean | null; status: SetupStatus | undefined }
  | { step: 'rule'; saved: boolean; status: SetupStatus | undefined };

const OR_SKIP = 'or skip this step for now.';

/** Null when the step is done (Continue works); otherwise why it is not. */
export const blockedReason = (s: StepState): string | null => {
  switch (s.step) {
    case 'directory': {
      const o = s.outcome;
      if (o?.kind === 'saved')
        return s.status?.directory.lastPull
          ? null
          : 'Saved and tested: now Pull the directory, so the next steps can use its groups.';
      if (o?.kind === 'not-saved')
        return `The connection test failed, so nothing was saved. Fix the connection and test it again, ${OR_SKIP}`;
      if (o?.kind === 'tested')
        return o.test.ok
          ? 'The test passed, but nothing is saved yet: use Test & save.'
          : `The connection test failed. Fix the connection and test it again, ${OR_SKIP}`;
      if (o?.kind === 'saved-anyway')
        return `The saved connection has not passed a test. Fix it and test it again, ${OR_SKIP}`;
      if (s.status?.directory.lastPull) return null;
      return s.status?.directory.configured
        ? `The saved connection has not been read yet: use Test & save, then Pull the directory, ${OR_SKIP}`
        : `Connect the directory first: fill in the connection and use Test & save, ${OR_SKIP}`;
    }
    case 'app':
      if (s.appId !== null) {
        if (s.test === true) return null;
        return s.test === false
          ? `The app’s test failed. Fix it (Edit the app) and test it again, ${OR_SKIP}`
          : `Test the app before you continue, ${OR_SKIP}`;
      }
      return (s.status?.apps ?? 0) > 0 ? null : `Add an app and test it first, ${OR_SKIP}`;
    case 'rule':
      return s.saved || (s.status?.rules ?? 0) > 0 ? null : `Save a rule first, ${OR_SKIP}`;
  }
};

/** What skipping a step means for applying (safe start keeps a new workspace from applying anything). */
export const applyingAfterSkip = (applying: ApplyingState | undefined): string => {
  switch (applying) {
    case 'on':
      return 'Applying was already on for this workspace; skipping changes nothing that is saved.';
    case 'paused':
      return 'Automatic syncing stays paused.';
    default:
      return 'Applying stays paused: nothing is changed in any app until setup is finished and you apply a first plan on the Sync page.';
  }
};
