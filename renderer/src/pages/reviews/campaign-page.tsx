// One campaign (`#/reviews/7`): its facts (scope, snapshot time, due date, fallback, counts, warnings about apps never
// read), Apply decisions now / Close campaign, the report, progress by reviewer with their sheets, the sheet import
// and the decision grid.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { ReviewCampaignView } from '../../../../shared/api/methods-reviews';
import { unwrap, type ApiCallError } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { useRpcQuery } from '../../api/queries';
import { rpcKey } from '../../api/rpc-key';
import { Page } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { errorText } from '../../offboarding/offboarding-format';
import { CarryOut } from './carry-out';
import { ImportSheet } from './import-sheet';
import { ItemsPanel } from './items-panel';
import { ReviewerSheets } from './reviewer-sheets';
import {
  campaignState,
  formatDay,
  formatTime,
  plural,
  progressText,
  scopeText,
  stateLabel,
  stateTone,
} from './reviews-format';
import { REVIEWS_LEAD } from './reviews-page';
import '../../styles/reviews.css';

export const CampaignPage = () => {
  const campaignId = Number(useParams().campaignId);
  const valid = Number.isInteger(campaignId) && campaignId > 0;
  const client = useClient();
  const query = useQuery<ReviewCampaignView, ApiCallError>({
    queryKey: rpcKey('reviews.get', { campaignId }),
    enabled: valid,
    queryFn: async () => unwrap(await client.call('reviews.get', { campaignId })),
  });
  const workspace = useRpcQuery('workspace.get', {});
  const names = new Map(workspace.data?.apps.map((a) => [a.id, a.name]));
  const c = valid ? query.data : undefined;

  if (!c)
    return (
      <Page title="Access review" lead={REVIEWS_LEAD}>
        <Link to="/reviews" className="button button-secondary reviews-back">
          All campaigns
        </Link>
        {!valid || query.error ? (
          <p className="callout callout-error" role="alert">
            {query.error
              ? errorText(query.error, 'Could not load the campaign')
              : 'There is no such campaign.'}
          </p>
        ) : (
          <p className="muted" aria-busy="true">
            Loading the campaign…
          </p>
        )}
      </Page>
    );

  const state = campaignState(c);
  const k = c.counts;
  return (
    <Page
      title={c.name}
      lead={`Access review #${c.id} of ${scopeText(c.scope, (id) => names.get(id) ?? id)}.`}
    >
      <div className="reviews-toolbar">
        <Link to="/reviews" className="button button-secondary">
          All campaigns
        </Link>
        <Link to={`/reviews/${c.id}/report`} className="button button-secondary">
          Report
        </Link>
        <CarryOut campaign={c} />
      </div>

      <section className="card" aria-labelledby="reviews-facts-title">
        <div className="card-header">
          <h2 id="reviews-facts-title">Campaign</h2>
          <StatusBadge tone={stateTone[state]} label={stateLabel[state]} />
        </div>
        <dl className="reviews-facts">
          <div>
            <dt>Progress</dt>
            <dd data-testid="campaign-progress">{progressText(k.decided, k.items)}</dd>
          </div>
          <div>
            <dt>Decisions</dt>
            <dd>
              {k.keep} keep · {k.revoke} revoke · {k.changeRole} role change
            </dd>
          </div>
          <div>
            <dt>Carried out</dt>
            <dd>
              {k.carriedOut} done{k.pendingChanges ? ` · ${k.pendingChanges} waiting` : ''}
              {c.appliedAt ? ` (last applied ${formatTime(c.appliedAt)})` : ''}
            </dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd>{formatDay(c.dueAt)}</dd>
          </div>
          <div>
            <dt>Snapshot</dt>
            <dd>
              {formatTime(c.snapshotAt)} by {c.startedBy}
            </dd>
          </div>
          <div>
            <dt>Fallback reviewer</dt>
            <dd>{c.fallback}</dd>
          </div>
          {c.closedAt ? (
            <div>
              <dt>Closed</dt>
              <dd>
                {formatTime(c.closedAt)} by {c.closedBy ?? '—'}
              </dd>
            </div>
          ) : null}
        </dl>
        {c.warnings.length ? (
          <div className="callout callout-warning">
            <p>
              <strong>{plural(c.warnings.length, 'warning')} at the snapshot:</strong>
            </p>
            <ul>
              {c.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <ItemsPanel campaign={c} />

      <ReviewerSheets campaign={c} />
      <ImportSheet campaignId={c.id} open={c.status === 'open'} />
    </Page>
  );
};
