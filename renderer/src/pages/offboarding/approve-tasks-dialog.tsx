// The one confirmation for approving held offboarding tasks, whether one task's Approve or the case's Approve all:
// it lists each change by account, app and exact effect (shared op labels) before anything runs.
import type { OffboardingCaseView, OffboardingTaskView } from '../../../../shared/api/methods-offboarding';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { caseName, taskEffect } from '../../offboarding/offboarding-format';

interface Props {
  open: boolean;
  /** 'all': the case's Approve all (named for the case); 'one': a task's own Approve. */
  scope: 'one' | 'all';
  c: Pick<OffboardingCaseView, 'displayName' | 'person'>;
  tasks: readonly OffboardingTaskView[];
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export const ApproveTasksDialog = ({ open, scope, c, tasks, busy, error, onConfirm, onCancel }: Props) => {
  const one = scope === 'one' ? tasks[0] : undefined;
  return (
    <ConfirmDialog
      open={open}
      title={
        one
          ? `Approve “${one.effect ?? one.title}” for ${caseName(c)}?`
          : `Approve every held task of ${caseName(c)}?`
      }
      effects={tasks.map((t) => taskEffect(t, c.person))}
      confirmLabel={`Approve ${tasks.length} and run now`}
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        Lanyard checks {tasks.length === 1 ? 'it' : 'each one'} against the directory and the apps once more,
        then runs {tasks.length === 1 ? 'it' : 'them'} at once; a change that is no longer needed is not run,
        and one whose target changed comes back for a fresh approval.
      </p>
    </ConfirmDialog>
  );
};
