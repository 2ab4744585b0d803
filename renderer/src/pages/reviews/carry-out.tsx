// Carrying decisions out: "Apply decisions now" (while the campaign stays open) and "Close campaign" (final: also
// signs the ledger's head for the report), each after a confirmation that says revocations and role changes go to
// the gate — guardrails and review policy apply, so some may wait in the review queue. The outcome says what was
// done, held, failed or no longer needed, and which access exceptions were recorded.
import { exceptionEffect } from '../../../../shared/domain/exceptions';
import { useState } from 'react';
import type { ReviewApplyResult, ReviewCampaignView } from '../../../../shared/api/methods-reviews';
import { useRpcMutation } from '../../api/queries';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { errorText } from '../../offboarding/offboarding-format';
import { plural } from './reviews-format';

const REFRESH = [
  'reviews.items',
  'reviews.get',
  'reviews.list',
  'reviews.status',
  'reviews.exceptions',
  'review.list',
  'sync.status',
] as const;

type Action = 'apply' | 'close';

export const CarryOut = ({ campaign }: { campaign: ReviewCampaignView }) => {
  const apply = useRpcMutation('reviews.apply', [...REFRESH]);
  const close = useRpcMutation('reviews.close', [...REFRESH]);
  const [asking, setAsking] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<{ action: Action; result: ReviewApplyResult } | null>(null);
  const running = apply.isPending || close.isPending;
  const error = asking === 'apply' ? apply.error : asking === 'close' ? close.error : null;
  const changes = campaign.counts.revoke + campaign.counts.changeRole;
  const open = campaign.status === 'open';

  const confirm = () => {
    const input = { campaignId: campaign.id, confirm: true as const };
    const done = (result: ReviewApplyResult) => {
      setOutcome({ action: asking!, result });
      setAsking(null);
    };
    if (asking === 'apply') apply.mutate(input, { onSuccess: done });
    else close.mutate(input, { onSuccess: done });
  };

  return (
    <>
      {open ? (
        <div className="reviews-inline-actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={running}
            onClick={() => {
              apply.reset();
              setAsking('apply');
            }}
          >
            Apply decisions now…
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={running}
            onClick={() => {
              close.reset();
              setAsking('close');
            }}
          >
            Close campaign…
          </button>
        </div>
      ) : null}
      {outcome ? <Outcome {...outcome} /> : null}
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'close' ? `Close “${campaign.name}”?` : 'Apply the decisions now?'}
        confirmLabel={asking === 'close' ? 'Close campaign' : 'Apply decisions'}
        busy={running}
        error={error ? errorText(error, asking === 'close' ? 'Not closed' : 'Not applied') : null}
        onCancel={() => setAsking(null)}
        onConfirm={confirm}
      >
        <p>
          {plural(campaign.counts.revoke, 'revocation')} and{' '}
          {plural(campaign.counts.changeRole, 'role change')} decided so far go to the gate as proposals.
          Guardrails and each app's review policy apply: some may wait in the review queue on the Sync page
          before anything is removed.
        </p>
        <p>
          Revoking access that a rule grants also records an access exception, so the next sync does not grant
          it again.
        </p>
        {asking === 'close' ? (
          <p>
            Closing is final: decisions can no longer change,{' '}
            {campaign.counts.open
              ? `${plural(campaign.counts.open, 'undecided item')} ${campaign.counts.open === 1 ? 'is' : 'are'} listed as open in the report, `
              : ''}
            and the report records the audit ledger's signed head.
          </p>
        ) : (
          <p>The campaign stays open; decisions made later are carried out when you apply again or close.</p>
        )}
        {changes === 0 ? <p>No revocation or role change is decided yet.</p> : null}
      </ConfirmDialog>
    </>
  );
};

const Outcome = ({ action, result: r }: { action: Action; result: ReviewApplyResult }) => (
  <div className={`callout ${r.failed || r.held ? 'callout-warning' : 'callout-info'}`} role="status">
    <p>
      <strong>{action === 'close' ? 'Campaign closed.' : 'Decisions applied.'}</strong>{' '}
      {r.proposed
        ? `${plural(r.proposed, 'change')} proposed to the gate: ${r.done} done, ${r.held} held for review, ${r.failed} failed, ${r.superseded} superseded, ${r.tasks} given to a person as a checklist task, ${r.notNeeded} needed no change.`
        : 'No revocation or role change was waiting to be carried out.'}
    </p>
    {r.tripped.length ? <p>Guardrails: {r.tripped.join('; ')}.</p> : null}
    {r.held ? (
      <p>
        Held changes wait in the <a href="#/sync?focus=review">review queue on the Sync page</a>.
      </p>
    ) : null}
    {r.exceptionsAdded.length ? (
      <p>
        {plural(r.exceptionsAdded.length, 'access exception')} recorded (
        {r.exceptionsAdded.map(exceptionEffect).join('; ')}); see <a href="#/rules">Access rules</a>.
      </p>
    ) : null}
  </div>
);
