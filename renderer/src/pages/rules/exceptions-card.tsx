// Access exceptions on the Access rules page: access a rule grants but an access review revoked (person × app, with
// the campaign and its comment), which sync does not grant again. Remove (after a confirmation) lets the rules grant
// it on the next sync; the removal is audited.
import { useState } from 'react';
import type { AccessExceptionView } from '../../../../shared/api/methods-reviews';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { errorText } from '../../offboarding/offboarding-format';

export const ExceptionsCard = () => {
  const list = useRpcQuery('reviews.exceptions', {});
  const remove = useRpcMutation('reviews.removeException', ['reviews.exceptions', 'rules.preview']);
  const [removing, setRemoving] = useState<AccessExceptionView | null>(null);
  const [done, setDone] = useState('');
  const rows = list.data ?? [];

  return (
    <section className="card" aria-labelledby="exceptions-title">
      <div>
        <h2 id="exceptions-title">Exceptions</h2>
        <p className="card-description">
          Access the rules grant but an access review revoked, or kept with another role. Sync does not grant
          it again or re-set the rule&apos;s role while the exception stands.
        </p>
      </div>
      {list.error ? (
        <p className="callout callout-error">{errorText(list.error, 'Could not read the exceptions')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{list.isPending ? 'Loading exceptions…' : 'No exceptions.'}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">App</th>
                <th scope="col">Effect</th>
                <th scope="col">Review</th>
                <th scope="col">Comment</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={`${e.appId}\u0000${e.person}`}>
                  <th scope="row">{e.person}</th>
                  <td>{e.appName ?? e.appId}</td>
                  <td>{e.role === null ? 'No access' : `Role ${e.role}`}</td>
                  <td>
                    {e.campaignId ? <a href={`#/reviews/${e.campaignId}`}>#{e.campaignId}</a> : '—'}
                    {e.by ? ` by ${e.by}` : ''}
                  </td>
                  <td>{e.comment ?? '—'}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      aria-label={`Remove exception: ${e.person} in ${e.appName ?? e.appId}`}
                      onClick={() => {
                        remove.reset();
                        setRemoving(e);
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="form-status form-status-ok" role="status">
        {done}
      </p>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this exception?"
        confirmLabel="Remove exception"
        busy={remove.isPending}
        error={remove.error ? errorText(remove.error, 'Not removed') : null}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const e = removing!;
          remove.mutate(
            { appId: e.appId, person: e.person },
            {
              onSuccess: () => {
                setDone(`Removed: the rules may grant ${e.person} ${e.appName ?? e.appId} on the next sync.`);
                setRemoving(null);
              },
            },
          );
        }}
      >
        <p>
          {removing ? `${removing.person} × ${removing.appName ?? removing.appId}` : ''}: the rules may grant
          this access again on the next sync, with its guardrails. The removal is recorded in the audit log.
        </p>
      </ConfirmDialog>
    </section>
  );
};
