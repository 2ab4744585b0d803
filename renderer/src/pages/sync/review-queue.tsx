// The review queue (review.list): ops the guardrails held, by app, each with why it was held and who proposed it.
// Approve sends the selected ops through the gate now; Skip needs a reason (audited). Both ask for confirmation
// first, in the one confirmation that lists each change by account, app and exact effect (shared op labels). After
// an approval the queue says what it came to: applied, failed, no longer needed (superseded, with why), or
// replaced by a new change that waits for a fresh approval. A link to one held op (`/sync?op=ID`, from a person's
// panel) selects it and scrolls to it.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ReviewList, SyncOpView } from '../../../../shared/api/methods-sync';
import { useRpcMutation } from '../../api/queries';
import { ConfirmDialog, type ConfirmEffect } from '../../components/confirm-dialog';
import { ApprovalOutcomeNote } from './approval-outcome';
import {
  KIND_LABEL,
  SOURCE_LABEL,
  approvalOutcome,
  isDestructive,
  plural,
  type ApprovalOutcome,
} from './sync-format';

const AFTER = ['review.list', 'runs.list', 'sync.status', 'apps.status'] as const;

interface Props {
  review: ReviewList;
  appName: (id: string) => string;
}

const effectOf = (op: SyncOpView, appName: (id: string) => string): ConfirmEffect => ({
  account: op.target,
  app: appName(op.appId),
  effect: op.label ?? KIND_LABEL[op.kind],
  consequence: op.consequence ?? null,
});

/** The op a link points at (`?op=ID`), selected and scrolled to once the queue has it. */
const useLinkedOp = (review: ReviewList, select: (id: number) => void): number | null => {
  const [params] = useSearchParams();
  const linked = Number(params.get('op')) || null;
  const present = linked !== null && review.apps.some((a) => a.ops.some((o) => o.id === linked));
  useEffect(() => {
    if (!present || linked === null) return;
    select(linked);
    document.getElementById(`held-op-${linked}`)?.scrollIntoView({ block: 'center' });
    // Only when the link or the op's presence changes: the admin may untick it afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linked, present]);
  return present ? linked : null;
};

export const ReviewQueue = ({ review, appName }: Props) => {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const linked = useLinkedOp(review, (id) => setSelected((s) => new Set(s).add(id)));
  const [action, setAction] = useState<'approve' | 'skip' | null>(null);
  const [reason, setReason] = useState('');
  const approve = useRpcMutation('review.approve', [...AFTER]);
  const skip = useRpcMutation('review.skip', [...AFTER]);
  const [done, setDone] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ApprovalOutcome | null>(null);

  const all = review.apps.flatMap((a) => a.ops.map((o) => o.id));
  const ids = [...selected].filter((id) => all.includes(id));
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const outcomeNote = outcome ? (
    <ApprovalOutcomeNote outcome={outcome} appName={appName} onDismiss={() => setOutcome(null)} />
  ) : null;
  if (review.total === 0)
    return (
      <div className="stack">
        {outcomeNote}
        <p className="muted">Nothing is waiting for review.</p>
      </div>
    );
  const busy = approve.isPending || skip.isPending;
  const error = action === 'approve' ? approve.error : skip.error;
  const close = () => {
    setAction(null);
    approve.reset();
    skip.reset();
  };
  return (
    <div className="stack">
      {outcomeNote}
      <div className="sync-review-bar">
        <span className="muted">
          {plural(review.total, 'op')} held · {ids.length} selected
        </span>
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => setSelected(new Set(all))}
        >
          Select all
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={!ids.length}
          onClick={() => {
            setOutcome(null);
            setAction('approve');
          }}
        >
          Approve…
        </button>
        <button
          type="button"
          className="button button-small button-secondary"
          disabled={!ids.length}
          onClick={() => {
            setOutcome(null);
            setReason('');
            setAction('skip');
          }}
        >
          Skip…
        </button>
        <span role="status" className="muted">
          {done ?? ''}
        </span>
      </div>
      {review.apps.map((app) => (
        <fieldset key={app.appId} className="sync-review-app">
          <legend>{app.appName}</legend>
          <ul className="sync-ops">
            {app.ops.map((op) => (
              <li
                key={op.id}
                id={`held-op-${op.id}`}
                className={`sync-op sync-op-check${op.id === linked ? ' sync-op-linked' : ''}`}
              >
                <input
                  type="checkbox"
                  id={`review-${op.id}`}
                  checked={selected.has(op.id)}
                  onChange={() => toggle(op.id)}
                />
                <label
                  htmlFor={`review-${op.id}`}
                  className={`sync-op-target${(op.destructive ?? isDestructive(op.kind)) ? ' sync-op-destructive' : ''}`}
                >
                  {op.target} — {op.label ?? KIND_LABEL[op.kind]}
                </label>
                <span className="sync-op-reason">
                  {op.reason}
                  {op.source && op.source !== 'sync' ? (
                    <span className="muted"> · from {SOURCE_LABEL[op.source]}</span>
                  ) : null}
                </span>
                {op.heldReason ? <span className="sync-op-held">{op.heldReason}</span> : null}
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
      <ConfirmDialog
        open={action !== null}
        effects={review.apps.flatMap((a) =>
          a.ops.filter((o) => ids.includes(o.id)).map((o) => effectOf(o, appName)),
        )}
        effectsLabel={action === 'skip' ? 'Not carried out' : 'What will happen'}
        title={
          action === 'approve' ? `Approve ${plural(ids.length, 'op')}?` : `Skip ${plural(ids.length, 'op')}?`
        }
        confirmLabel={action === 'approve' ? 'Approve and apply now' : 'Skip'}
        busy={busy}
        error={error ? `${error.message}${error.hint ? ` ${error.hint}` : ''}` : null}
        onCancel={close}
        onConfirm={() => {
          if (action === 'approve')
            approve.mutate(
              { ids },
              {
                onSuccess: (r) => {
                  setDone(null);
                  setOutcome(approvalOutcome(r, ids.length));
                  setSelected(new Set());
                  close();
                },
              },
            );
          else if (reason.trim())
            skip.mutate(
              { ids, reason: reason.trim() },
              {
                onSuccess: (r) => {
                  setDone(`Skipped ${r.skipped}.`);
                  setSelected(new Set());
                  close();
                },
              },
            );
        }}
      >
        {action === 'approve' ? (
          <p>
            Lanyard checks each change against the directory and the apps once more, then sends it at once. A
            change that is no longer needed is not sent; one whose target changed comes back for a fresh
            approval.
          </p>
        ) : (
          <div className="field field-wide">
            <label htmlFor="skip-reason">Why skip them? (kept in the audit ledger)</label>
            <div className="field-control">
              <input id="skip-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
            </div>
            <p className="field-help">
              Skipped ops are not applied. If the situation stays, a later sync plans them again.
            </p>
          </div>
        )}
      </ConfirmDialog>
    </div>
  );
};
