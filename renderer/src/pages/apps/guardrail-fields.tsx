// The app form's Guardrails section: the accounts Lanyard never changes in this app (`protected`) and the app's
// own limits on removals (`limits`), on top of the workspace guardrails in Settings.
import { Field } from '../../components/field';
import type { AppDraft } from './app-draft';
import { errorAt } from './apps-format';
import { protectedError } from './protected-entries';
import { TextAreaField } from './form-controls';

interface Props {
  draft: AppDraft;
  set: (patch: Partial<AppDraft>) => void;
  errors: Map<string, string>;
}

export const GuardrailFields = ({ draft, set, errors }: Props) => (
  <>
    <TextAreaField
      label="Protected accounts"
      help={
        <>
          Lanyard never changes these accounts: break-glass admins, service accounts, bots. One userName
          {draft.kind === 'github' ? ' (the GitHub login)' : ''} or email per line; case does not matter.
        </>
      }
      className="field-wide"
      rows={4}
      spellCheck={false}
      autoCapitalize="off"
      placeholder={
        draft.kind === 'github' ? 'octocat-admin\ndeploy-bot' : 'breakglass-admin@example.com\ndeploy-bot'
      }
      value={draft.protectedAccounts}
      onChange={(e) => set({ protectedAccounts: e.target.value })}
      error={protectedError(draft.protectedAccounts, errors)}
    />
    <Field
      label="Most removals per run"
      help="Optional. More removals in one sync run than this wait for review; 0 holds every one."
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      value={draft.maxDeprovisionsPerRun}
      onChange={(e) => set({ maxDeprovisionsPerRun: e.target.value })}
      error={errorAt(errors, 'app.limits.maxDeprovisionsPerRun')}
    />
    <Field
      label="Most removals per window"
      help="Optional. Counted over the guardrails’ rolling window (Settings); more wait for review."
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      value={draft.maxDeprovisionsPerWindow}
      onChange={(e) => set({ maxDeprovisionsPerWindow: e.target.value })}
      error={errorAt(errors, 'app.limits.maxDeprovisionsPerWindow', 'app.limits')}
    />
  </>
);
