// Access reviews (issue #13): the campaigns with their scope, due date, progress and state (open, due soon,
// overdue, closed), newest first, and Start a campaign (`#/reviews?new=1` opens the form, as the Overview card's
// link does). Each campaign opens its detail page, where decisions are made and carried out.
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ReviewCampaignSummary } from '../../../../shared/api/methods-reviews';
import { useRpcQuery } from '../../api/queries';
import { Page } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { StartCampaignDialog } from './start-campaign-dialog';
import {
  campaignState,
  formatDay,
  plural,
  progressText,
  scopeText,
  stateLabel,
  stateTone,
} from './reviews-format';
import '../../styles/reviews.css';
import { LoadError } from '../../components/load-error';

export const REVIEWS_TITLE = 'Access reviews';
export const REVIEWS_LEAD = 'Who has access to what, confirmed by the people who answer for it.';

export const ReviewsPage = () => {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const list = useRpcQuery('reviews.list', { status: 'all' });
  const dialogOpen = params.get('new') === '1';
  const setDialog = (on: boolean) => setParams(on ? { new: '1' } : {}, { replace: !on });

  const campaigns = [...(list.data?.campaigns ?? [])].sort((a, b) => b.id - a.id);
  const status = list.data?.status;

  return (
    <Page title={REVIEWS_TITLE} lead={REVIEWS_LEAD}>
      <div className="reviews-toolbar">
        <p className="muted" role="status">
          {status
            ? status.message
              ? `${status.message} · ${plural(status.open, 'open campaign')}`
              : status.open
                ? `${plural(status.open, 'open campaign')}, none overdue.`
                : 'No campaign is open.'
            : ''}
        </p>
        <button type="button" className="button" onClick={() => setDialog(true)}>
          Start a campaign…
        </button>
      </div>

      {list.error ? (
        <LoadError
          error={list.error}
          what="Could not load the campaigns"
          onRetry={() => void list.refetch()}
        />
      ) : list.isPending ? (
        <div className="card" aria-busy="true">
          <span className="skeleton" aria-hidden="true" /> Loading campaigns…
        </div>
      ) : campaigns.length === 0 ? (
        <div className="card reviews-empty">
          <p>
            <strong>No access review yet.</strong> A campaign takes a snapshot of every account in the apps
            you choose — orphans and departed people included — and sends each to the person who answers for
            it: the app's owner, the person's manager, or a fallback reviewer.
          </p>
          <p className="muted">
            Reviewers need no Lanyard: export their sheet as CSV, let them fill in the decision column, and
            import it back.
          </p>
        </div>
      ) : (
        <CampaignTable campaigns={campaigns} />
      )}

      {dialogOpen ? (
        <StartCampaignDialog
          onClose={() => setDialog(false)}
          onStarted={(id) => navigate(`/reviews/${id}`)}
        />
      ) : null}
    </Page>
  );
};

const CampaignTable = ({ campaigns }: { campaigns: ReviewCampaignSummary[] }) => {
  const workspace = useRpcQuery('workspace.get', {});
  const names = new Map(workspace.data?.apps.map((a) => [a.id, a.name]));
  const appName = (id: string) => names.get(id) ?? id;
  return (
    <div className="table-wrap">
      <table className="table reviews-campaigns">
        <caption className="visually-hidden">Access review campaigns, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Scope</th>
            <th scope="col">Due</th>
            <th scope="col">Progress</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => {
            const state = campaignState(c);
            const pct = c.counts.items ? (c.counts.decided / c.counts.items) * 100 : 0;
            return (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/reviews/${c.id}`}>{c.name}</Link>
                  <span className="reviews-sub">
                    #{c.id} · started {formatDay(c.startedAt)} by {c.startedBy}
                    {c.definitionId ? ` · recurring "${c.definitionId}"` : ''}
                  </span>
                </th>
                <td>
                  <span className="reviews-scope">{scopeText(c.scope, appName)}</span>
                </td>
                <td>{formatDay(c.dueAt)}</td>
                <td>
                  <span className="reviews-progress">
                    <span className="reviews-bar" aria-hidden="true">
                      <span style={{ width: `${pct}%` }} />
                    </span>
                    <span>{progressText(c.counts.decided, c.counts.items)}</span>
                  </span>
                </td>
                <td>
                  <StatusBadge tone={stateTone[state]} label={stateLabel[state]} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
