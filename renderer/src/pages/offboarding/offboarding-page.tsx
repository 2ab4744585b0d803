// Offboarding: open cases with their progress and the tasks waiting for an admin (approve / skip, manual steps,
// verify, evidence), closed cases collapsed below, and the Offboard dialog (`#/offboarding?new=1` opens it, as the
// tray's "Offboard someone…" does). Kept live by core events, so a leaver found by the scheduler appears by itself.
import { useSearchParams } from 'react-router';
import { useRpcQuery } from '../../api/queries';
import { Page } from '../../components/page';
import { OffboardDialog } from '../../offboarding/offboard-dialog';
import { useOffboardingEvents } from '../../offboarding/use-offboarding-events';
import { CaseCard } from './case-card';
import '../../styles/offboarding.css';
import { LoadError } from '../../components/load-error';

export const OffboardingPage = () => {
  const [params, setParams] = useSearchParams();
  const dialogOpen = params.get('new') === '1';
  const list = useRpcQuery('offboarding.list', { status: 'all' });
  useOffboardingEvents();

  const setDialog = (on: boolean) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (on) next.set('new', '1');
        else next.delete('new');
        return next;
      },
      { replace: !on },
    );

  const cases = list.data?.cases ?? [];
  const open = cases.filter((c) => c.status === 'open');
  const closed = cases.filter((c) => c.status !== 'open');

  return (
    <Page title="Offboarding" lead="Take a leaver's access away everywhere, and prove it.">
      <div className="offboarding-toolbar">
        <p className="offboarding-pending" role="status" aria-live="polite">
          {list.data ? (
            <>
              <strong data-testid="pending-count">{list.data.pending}</strong>{' '}
              {list.data.pending === 1 ? 'task waits' : 'tasks wait'} for you across {open.length} open{' '}
              {open.length === 1 ? 'case' : 'cases'}.
            </>
          ) : (
            <span className="skeleton" aria-hidden="true" />
          )}
        </p>
        <button type="button" className="button button-danger" onClick={() => setDialog(true)}>
          Offboard someone…
        </button>
      </div>

      {list.error ? (
        <LoadError
          error={list.error}
          what="Could not load the offboarding cases"
          onRetry={() => void list.refetch()}
        />
      ) : null}

      <section className="offboarding-section" aria-labelledby="open-cases-title">
        <h2 id="open-cases-title">Open cases</h2>
        {list.data && open.length === 0 ? (
          <div className="card offboarding-empty">
            <p>
              <strong>No open cases.</strong> When someone is suspended or deactivated in the directory, the
              next sync opens a case here by itself. To take someone's access away now, use{' '}
              <em>Offboard someone…</em>
            </p>
          </div>
        ) : null}
        {!list.data && list.isPending ? (
          <div className="card offboarding-loading" aria-hidden="true" />
        ) : null}
        <div className="stack">
          {open.map((c) => (
            <CaseCard key={c.id} c={c} />
          ))}
        </div>
      </section>

      {closed.length > 0 ? (
        <details className="offboarding-closed">
          <summary>
            <h2>Closed cases ({closed.length})</h2>
          </summary>
          <div className="stack">
            {closed.map((c) => (
              <CaseCard key={c.id} c={c} />
            ))}
          </div>
        </details>
      ) : null}

      {dialogOpen ? <OffboardDialog onClose={() => setDialog(false)} /> : null}
    </Page>
  );
};
