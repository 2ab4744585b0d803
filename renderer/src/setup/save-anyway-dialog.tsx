// "Save anyway?": before a directory connection that failed its test is stored, say what follows — the scheduler
// keeps polling a directory it cannot read (every poll fails, so no sync plans or changes anything, and leavers are
// not revoked; each failure is in the run history), and where applying stands (paused until the first reviewed
// plan, or resuming by itself once a poll reads the directory again).
import type { ApplyingState } from '../../../shared/api/methods-sync';
import { useRpcQuery, useSettings } from '../api/queries';
import { ConfirmDialog } from '../components/confirm-dialog';

interface Props {
  open: boolean;
  busy: boolean;
  error: string | null;
  /** A connection is saved now: this one replaces it (and a pasted credential replaces the stored one). */
  replaces: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

const applyingSentence = (applying: ApplyingState | undefined): string => {
  switch (applying) {
    case 'awaiting-first-review':
      return 'Applying stays paused: nothing is changed in any app until a directory read works and you review and apply a first plan on the Sync page.';
    case 'on':
      return 'Applying is on: it resumes by itself with the first poll that reads the directory again.';
    default:
      return 'Nothing is applied to any app while the directory cannot be read.';
  }
};

export const SaveAnywayDialog = ({ open, busy, error, replaces, onConfirm, onCancel }: Props) => {
  const status = useRpcQuery('sync.status', {});
  const poll = useSettings().data?.schedule.pollSeconds;
  return (
    <ConfirmDialog
      open={open}
      title="Save a connection that fails its test?"
      confirmLabel="Save anyway"
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        Lanyard stores this connection as it is
        {replaces
          ? ', in place of the one that is saved now (a pasted credential replaces the stored one)'
          : ''}
        . Then:
      </p>
      <ul>
        {status.data?.applying === 'paused' ? (
          <li>
            Automatic syncing is paused (Settings → Schedule), so nothing polls the directory now. Once you
            resume it, every poll fails until the connection works: no sync reads, plans or changes anything,
            so leavers are not revoked.
          </li>
        ) : (
          <>
            <li>
              The scheduler keeps polling the directory{poll ? ` every ${poll} seconds` : ''} and every poll
              fails: no sync reads, plans or changes anything, so leavers are not revoked until the connection
              works again.
            </li>
            <li>{applyingSentence(status.data?.applying)}</li>
          </>
        )}
        <li>Each failed poll is listed, with its reason, in the run history on the Sync page.</li>
      </ul>
    </ConfirmDialog>
  );
};
