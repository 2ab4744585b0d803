// The "why" of each app for one person: the sync engine's explainer (sync.explain) says whether the access rules
// grant access, which rule decides it, the role, and why — next to what the app really has today.
import type {
  PeopleListApp,
  PersonAccountDetail,
  PersonAppCell,
} from '../../../../shared/api/methods-people';
import type { AppExplanationView, SyncOpView } from '../../../../shared/api/methods-sync';
import { useRpcQuery } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
import { MatrixCell } from './matrix-cell';
import { HeldLines } from './waiting-for-approval';

interface Props {
  personId: string;
  apps: PeopleListApp[];
  /** From people.list (instant), refined by people.get's account details once they arrive. */
  cells: PersonAppCell[];
  accounts: PersonAccountDetail[] | undefined;
  /** The person's changes waiting for approval, by app id: a pending account says so and links to it. */
  held?: ReadonlyMap<string, SyncOpView[]>;
}

export const AppsAndWhy = ({ personId, apps, cells, accounts, held }: Props) => {
  const explain = useRpcQuery('sync.explain', { person: personId });
  const byApp = new Map(explain.data?.apps.map((a) => [a.appId, a]));

  if (!apps.length)
    return (
      <p className="muted">
        No apps connected yet. Add apps on the Apps page and access rules on the Access rules page; this panel
        then says which rule grants or denies each one.
      </p>
    );

  return (
    <>
      {explain.error ? (
        <div className="callout callout-warning" role="status">
          <p>
            <strong>The explainer could not run:</strong> {explain.error.message}
          </p>
          {explain.error.hint ? <p className="muted">{explain.error.hint}</p> : null}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void explain.refetch()}
          >
            Try again
          </button>
        </div>
      ) : null}
      <ul className="person-apps">
        {apps.map((app) => {
          const account = accounts?.find((a) => a.appId === app.id);
          return (
            <li key={app.id} className="person-app">
              <div className="person-app-head">
                <span className="person-app-name">{app.name}</span>
                <MatrixCell cell={cells.find((c) => c.appId === app.id)} />
              </div>
              {account ? <p className="person-app-account mono">{account.userName}</p> : null}
              <HeldLines ops={held?.get(app.id)} appName={app.name} />
              <Why
                explanation={byApp.get(app.id)}
                loading={explain.isPending && !explain.error}
                byHand={cells.some((c) => c.appId === app.id && c.byHand)}
              />
            </li>
          );
        })}
      </ul>
    </>
  );
};

interface WhyProps {
  explanation: AppExplanationView | undefined;
  loading: boolean;
  /** A task to do by hand is open: the rules' answer is not what the app has yet. */
  byHand: boolean;
}

const Why = ({ explanation, loading, byHand }: WhyProps) => {
  if (loading)
    return (
      <p className="person-why">
        <span className="skeleton" aria-hidden="true" />
      </p>
    );
  if (!explanation) return null;
  const rule = explanation.rule ? ` · ${explanation.ruleLabel ?? `rule ${explanation.rule}`}` : '';
  return (
    <p className="person-why">
      <StatusBadge
        tone={byHand ? 'degraded' : explanation.access ? 'ok' : 'neutral'}
        label={
          byHand
            ? `To do by hand: ${explanation.access ? 'give access' : 'remove access'}${rule}`
            : explanation.access
              ? `Access${rule}`
              : 'No access'
        }
      />
      <span className="person-why-text">{explanation.why}</span>
    </p>
  );
};
