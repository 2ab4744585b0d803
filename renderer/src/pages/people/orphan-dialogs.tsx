// The confirmations of the orphan actions: ignore (a reason is required), link to a person (picked by name, email
// or login from the directory) and remove (what the gate will be asked to do, in the op's words).
import { useId, useMemo, useState } from 'react';
import type { OrphanView } from '../../../../shared/api/methods-orphans';
import type { PeopleListPerson } from '../../../../shared/api/methods-people';
import { ConfirmDialog } from '../../components/confirm-dialog';

export type OrphanAction = 'ignore' | 'link' | 'remove' | 'service';

interface Props {
  action: OrphanAction | null;
  orphan: OrphanView | null;
  people: PeopleListPerson[];
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (extra: { reason?: string; personId?: string }) => void;
}

const TITLE: Record<OrphanAction, string> = {
  ignore: 'Ignore',
  link: 'Link',
  remove: 'Remove',
  service: 'Mark as a service account:',
};

const personName = (p: PeopleListPerson) =>
  `${p.displayName ?? p.login}${p.email && p.email !== p.displayName ? ` <${p.email}>` : ''}`;

export const OrphanDialogs = ({ action, orphan, people, busy, error, onCancel, onConfirm }: Props) => {
  const id = useId();
  const [reason, setReason] = useState('');
  const [query, setQuery] = useState('');
  const [personId, setPersonId] = useState('');
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return people
      .filter((p) => [p.displayName, p.email, p.login].some((k) => k?.toLowerCase().includes(q)))
      .slice(0, 50);
  }, [people, query]);
  const reset = () => {
    setReason('');
    setQuery('');
    setPersonId('');
  };
  const removes = orphan?.appKind === 'manual' ? 'A checklist task asks someone to remove' : 'Lanyard asks';
  return (
    <ConfirmDialog
      open={action !== null && orphan !== null}
      title={action && orphan ? `${TITLE[action]} ${orphan.userName} in ${orphan.appName}?` : ''}
      confirmLabel={
        action === 'ignore'
          ? 'Ignore'
          : action === 'link'
            ? 'Link'
            : action === 'service'
              ? 'Mark as service account'
              : 'Remove'
      }
      busy={busy}
      error={error}
      confirmDisabled={(action === 'ignore' && !reason.trim()) || (action === 'link' && !personId)}
      effects={
        action === 'remove' && orphan
          ? [
              {
                account: orphan.userName,
                app: orphan.appName,
                effect: orphan.removeEffect,
                consequence: orphan.removeConsequence,
              },
            ]
          : undefined
      }
      onCancel={() => {
        reset();
        onCancel();
      }}
      onConfirm={() => {
        onConfirm(action === 'ignore' ? { reason: reason.trim() } : action === 'link' ? { personId } : {});
        reset();
      }}
    >
      {action === 'ignore' ? (
        <div className="field">
          <label htmlFor={`${id}-reason`}>Why it can stay</label>
          <div className="field-control">
            <textarea
              id={`${id}-reason`}
              rows={3}
              value={reason}
              aria-describedby={`${id}-reason-help`}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <span className="field-help" id={`${id}-reason-help`}>
            Recorded in the audit log with your name. Ignored accounts are left out of the orphan counts.
          </span>
        </div>
      ) : action === 'link' ? (
        <div className="stack">
          <div className="field">
            <label htmlFor={`${id}-find`}>Find the person (name, email or login)</label>
            <div className="field-control">
              <input
                id={`${id}-find`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-person`}>Person</label>
            <div className="field-control">
              <select
                id={`${id}-person`}
                size={Math.min(6, Math.max(2, matches.length))}
                value={personId}
                onChange={(e) => setPersonId(e.target.value)}
              >
                {matches.map((p) => (
                  <option key={p.id} value={p.id}>
                    {personName(p)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="muted">
            From the next sync on, Lanyard treats this account as theirs: the access rules decide its role,
            and offboarding them removes it.
          </p>
        </div>
      ) : action === 'service' ? (
        <p>
          {orphan?.userName} is added to {orphan?.appName}’s protected accounts: Lanyard never changes or
          removes it. You can take it off the list in Apps → Edit.
        </p>
      ) : action === 'remove' ? (
        <p>
          {removes} {orphan?.appName} to remove this account, through the same checks as every change: it may
          be held for review if the guardrails say so. The change and its outcome are recorded in the audit
          log.
        </p>
      ) : null}
    </ConfirmDialog>
  );
};
