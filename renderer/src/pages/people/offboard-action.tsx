// The Offboard button of the person panel: previews what an offboard would do (offboarding.preview: one task per
// app, the IdP suspend and session revoke, which tasks wait for review), then opens the case on confirmation
// (offboarding.start). The result links to the Offboarding page, where the case is followed to the end.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OffboardingCaseView } from '../../../../shared/api/methods-offboarding';
import type { PeopleListPerson } from '../../../../shared/api/methods-people';
import { ApiCallError, unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { useRpcQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { taskEffect } from '../../offboarding/offboarding-format';
import { nameOf } from './people-filter';

export const OffboardAction = ({ person }: { person: PeopleListPerson }) => {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState<OffboardingCaseView | null>(null);
  const gone = person.status === 'deleted';
  return (
    <div className="person-panel-actions">
      <button type="button" className="button button-danger" disabled={gone} onClick={() => setOpen(true)}>
        Offboard…
      </button>
      <p className="muted" role="status">
        {opened ? (
          <>
            Case #{opened.id} opened: {opened.progress.finished} of {opened.progress.total} tasks done.{' '}
            <a href="#/offboarding">Follow it on the Offboarding page</a>.
          </>
        ) : gone ? (
          'Already removed from the directory.'
        ) : (
          'Revoke every app account and end IdP sessions, with a preview first.'
        )}
      </p>
      {open ? (
        <OffboardDialog
          person={person}
          onDone={(c) => {
            setOpened(c);
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
};

const OffboardDialog = ({
  person,
  onDone,
  onCancel,
}: {
  person: PeopleListPerson;
  onDone: (c: OffboardingCaseView) => void;
  onCancel: () => void;
}) => {
  const client = useClient();
  const queries = useQueryClient();
  const [killSessions, setKillSessions] = useState(true);
  const preview = useRpcQuery('offboarding.preview', { person: person.id, killSessions });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = unwrap(
        await client.call('offboarding.start', { person: person.id, killSessions, confirm: true }),
      );
      await queries.invalidateQueries({ queryKey: ['rpc'] });
      onDone(c);
    } catch (err) {
      setError(
        err instanceof ApiCallError
          ? `${err.message}${err.hint ? ` ${err.hint}` : ''}`
          : 'The offboarding could not start.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open
      title={`Offboard ${nameOf(person)}?`}
      // Every step by account, app and effect; one that waits for an approval says so instead of what it means.
      effects={preview.data?.tasks
        .filter((t) => t.kind !== 'verify')
        .map((t) => ({
          ...taskEffect(t, person.email ?? person.login),
          consequence: t.heldReason ? `Waits for approval: ${t.heldReason}` : (t.consequence ?? null),
        }))}
      confirmLabel="Offboard now"
      busy={busy || !preview.data}
      error={
        error ??
        (preview.error
          ? `${preview.error.message}${preview.error.hint ? ` ${preview.error.hint}` : ''}`
          : null)
      }
      onConfirm={() => void start()}
      onCancel={onCancel}
    >
      <label className="offboard-kill">
        <input type="checkbox" checked={killSessions} onChange={(e) => setKillSessions(e.target.checked)} />
        Suspend in the IdP and end their sessions
      </label>
      {!preview.data && preview.isPending ? (
        <p className="muted">Working out what an offboard would do…</p>
      ) : null}
    </ConfirmDialog>
  );
};
