// Orphan accounts (orphans.list): app accounts that match nobody in the directory (no externalId, email or login in
// common), with what an admin can do about each — Ignore (with a reason; Un-ignore later), Mark as service account
// (joins the app's protected list), Link to a person, Remove (a proposal through the gate, after a confirmation).
// The account Lanyard itself signs in as is marked and cannot be removed. Usually few; capped so a misconfigured
// app cannot freeze the page.
import { useState } from 'react';
import type { OrphanView } from '../../../../shared/api/methods-orphans';
import type { PeopleListPerson } from '../../../../shared/api/methods-people';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { plural } from '../../components/plural';
import { StatusBadge } from '../../components/status-badge';
import { OrphanDialogs, type OrphanAction } from './orphan-dialogs';
import { formatCount } from './people-format';

const SHOWN = 500;
type Show = 'open' | 'known';
const AFTER = ['orphans.list', 'people.list', 'apps.status', 'apps.accountReport', 'runs.history'] as const;

const StateBadge = ({ o }: { o: OrphanView }) => {
  if (o.state === 'ignored') return <StatusBadge tone="neutral" label="Ignored" />;
  if (o.state === 'service') return <StatusBadge tone="neutral" label="Service account" />;
  if (o.state === 'removing')
    return (
      <StatusBadge
        tone="degraded"
        label={o.removal?.status === 'held' ? 'Removal held for review' : 'Removing'}
      />
    );
  return <StatusBadge tone={o.active ? 'degraded' : 'neutral'} label={o.active ? 'Active' : 'Deactivated'} />;
};

export const OrphansTable = ({ people }: { people: PeopleListPerson[] }) => {
  const list = useRpcQuery('orphans.list', {});
  const [show, setShow] = useState<Show>('open');
  const [pending, setPending] = useState<{ action: OrphanAction; orphan: OrphanView } | null>(null);
  const [done, setDone] = useState('');
  const ignore = useRpcMutation('orphans.ignore', [...AFTER]);
  const unignore = useRpcMutation('orphans.unignore', [...AFTER]);
  const service = useRpcMutation('orphans.markService', [...AFTER, 'workspace.get']);
  const link = useRpcMutation('orphans.link', [...AFTER]);
  const remove = useRpcMutation('orphans.remove', [...AFTER, 'review.list', 'sync.status']);
  const busy = ignore.isPending || service.isPending || link.isPending || remove.isPending;
  const error = ignore.error ?? service.error ?? link.error ?? remove.error;

  if (list.error)
    return (
      <p className="callout callout-error" role="alert">
        Could not read the orphan accounts: {list.error.message} {list.error.hint ?? ''}
      </p>
    );
  if (!list.data) return <span className="skeleton" />;
  const data = list.data;
  const rows = data.orphans.filter((o) =>
    show === 'open'
      ? o.state === 'open' || o.state === 'removing'
      : o.state === 'ignored' || o.state === 'service',
  );

  const confirm = (extra: { reason?: string; personId?: string }) => {
    if (!pending) return;
    const { action, orphan: o } = pending;
    const key = { appId: o.appId, remoteId: o.remoteId };
    const after = (text: string) => () => {
      setPending(null);
      setDone(text);
    };
    if (action === 'ignore')
      ignore.mutate(
        { ...key, reason: extra.reason ?? '' },
        { onSuccess: after(`${o.userName} is ignored.`) },
      );
    else if (action === 'service')
      service.mutate(key, {
        onSuccess: after(`${o.userName} is a protected service account in ${o.appName}.`),
      });
    else if (action === 'link')
      link.mutate(
        { ...key, personId: extra.personId ?? '' },
        { onSuccess: after(`${o.userName} is linked; the next sync treats it as that person’s account.`) },
      );
    else remove.mutate(key, { onSuccess: (r) => after(r.message)() });
  };

  return (
    <div className="card orphans-card">
      <p className="card-description">
        These accounts match nobody in the directory by externalId, email or login. Sync leaves them alone
        until you decide: ignore one that may stay, protect a service account, link one to its owner, or
        remove it.
      </p>
      <div className="orphans-bar">
        <div role="group" aria-label="Which orphan accounts" className="orphans-tabs">
          <button
            type="button"
            className="button button-secondary button-small"
            aria-pressed={show === 'open'}
            onClick={() => setShow('open')}
          >
            Orphans ({formatCount(data.open)})
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            aria-pressed={show === 'known'}
            onClick={() => setShow('known')}
          >
            Ignored and service accounts ({formatCount(data.known)})
          </button>
        </div>
        <p className="muted" role="status">
          {done}
        </p>
      </div>
      {data.ownUnknown.map((u) => (
        <p key={u.appId} className="callout">
          Lanyard could not tell which account it signs in as in {u.appId} ({u.reason}); removing there waits
          until it can.
        </p>
      ))}
      {!rows.length ? (
        <p className="muted">
          {show === 'open'
            ? 'No orphan accounts: every account Lanyard has read belongs to someone in the directory, or you have dealt with it.'
            : 'Nothing ignored and no service accounts yet.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table orphans-table">
            <caption className="visually-hidden">
              {show === 'open' ? 'Orphan accounts' : 'Ignored orphan accounts and service accounts'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">App</th>
                <th scope="col">State</th>
                <th scope="col">Role</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOWN).map((o) => (
                <tr key={`${o.appId}/${o.remoteId}`}>
                  <th scope="row">
                    <span className="mono">{o.userName}</span>
                    {o.email && o.email !== o.userName ? (
                      <span className="sync-sub muted">{o.email}</span>
                    ) : null}
                    {o.own ? <span className="sync-sub">Lanyard’s own account</span> : null}
                  </th>
                  <td>{o.appName}</td>
                  <td>
                    <StateBadge o={o} />
                    {o.decision?.reason && o.state === 'ignored' ? (
                      <span className="sync-sub muted">
                        “{o.decision.reason}” — {o.decision.by}
                      </span>
                    ) : null}
                  </td>
                  <td>{o.role ?? <span className="muted">—</span>}</td>
                  <td>
                    <OrphanActions
                      o={o}
                      busy={busy || unignore.isPending}
                      onAct={(action) => setPending({ action, orphan: o })}
                      onUnignore={() =>
                        unignore.mutate(
                          { appId: o.appId, remoteId: o.remoteId },
                          { onSuccess: () => setDone(`${o.userName} counts as an orphan again.`) },
                        )
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > SHOWN ? (
        <p className="muted">
          Showing {formatCount(SHOWN)} of {plural(rows.length, 'account')}; narrow them down per app on the
          Apps page.
        </p>
      ) : null}
      <OrphanDialogs
        action={pending?.action ?? null}
        orphan={pending?.orphan ?? null}
        people={people}
        busy={busy}
        error={error ? `${error.message}${error.hint ? ` ${error.hint}` : ''}` : null}
        onCancel={() => {
          setPending(null);
          [ignore, service, link, remove].forEach((m) => m.reset());
        }}
        onConfirm={confirm}
      />
    </div>
  );
};

const OrphanActions = ({
  o,
  busy,
  onAct,
  onUnignore,
}: {
  o: OrphanView;
  busy: boolean;
  onAct: (a: OrphanAction) => void;
  onUnignore: () => void;
}) => {
  const name = `${o.userName} in ${o.appName}`;
  if (o.state === 'ignored')
    return (
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        aria-label={`Un-ignore ${name}`}
        onClick={onUnignore}
      >
        Un-ignore
      </button>
    );
  if (o.state === 'service' || o.state === 'removing') return <span className="muted">—</span>;
  const act = (a: OrphanAction, label: string) => (
    <button
      type="button"
      className="button button-secondary button-small"
      disabled={busy}
      aria-label={`${label} ${name}`}
      onClick={() => onAct(a)}
    >
      {label}
    </button>
  );
  return (
    <span className="orphans-actions">
      {act('ignore', 'Ignore')}
      {o.protected ? null : act('service', 'Service account')}
      {act('link', 'Link')}
      {o.own || o.protected ? null : act('remove', 'Remove')}
    </span>
  );
};
