// Audit (issue #7 point 6): the append-only ledger, newest first, filtered by person, app, action and time (the
// filter lives in the URL so a view can be bookmarked), each event expandable to its before/after state and hashes;
// chain verification; CSV/JSON export of what the filters match. People are shown by name (ids stay in the
// details); a person filter says whom it matched in the directory.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditFilter, AuditListPage } from '../../../../shared/api/methods-audit';
import { Page } from '../../components/page';
import { AuditFilters } from './audit-filters';
import { FILTER_KEYS, filterFromParams, isFiltered, paramsFromFilter } from './audit-filter';
import { AuditList } from './audit-list';
import { ExportLedger } from './export-ledger';
import { PersonMatches } from './person-matches';
import { useAuditPages } from './use-audit-pages';
import { VerifyChain } from './verify-chain';
import '../../styles/audit.css';

export const AuditPage = () => {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // Stable while the URL is: the query key and the form's seed depend on it.
  const filter = useMemo(() => filterFromParams(new URLSearchParams(search)), [search]);
  const filtered = isFiltered(filter);
  const ledger = useAuditPages(filter);
  const events = useMemo(() => ledger.data?.pages.flatMap((p) => p.events) ?? [], [ledger.data]);
  const people = useMemo(
    () => Object.assign({}, ...(ledger.data?.pages.map((p) => p.people) ?? [])) as AuditListPage['people'],
    [ledger.data],
  );
  const matches = ledger.data?.pages[0]?.personMatches ?? null;

  const apply = (next: AuditFilter) => setParams(paramsFromFilter(next));
  const fieldErrors = ledger.error?.fieldErrors() ?? new Map<string, string>();
  const aboutAFilter = FILTER_KEYS.some((k) => fieldErrors.has(k));

  return (
    <Page title="Audit" lead="Every change Lanyard made or was asked to make, in a tamper-evident ledger.">
      <div className="stack audit">
        <AuditFilters key={search} filter={filter} onApply={apply} errors={fieldErrors} />

        <section className="card audit-ledger" aria-labelledby="audit-ledger-title">
          <div className="card-header">
            <h2 id="audit-ledger-title">{filtered ? 'Matching events' : 'All events'}</h2>
            <button
              type="button"
              className="button button-small button-secondary"
              aria-disabled={ledger.isFetching || undefined}
              onClick={() => {
                if (!ledger.isFetching) void ledger.refetch();
              }}
            >
              {ledger.isFetching && !ledger.isFetchingNextPage ? 'Refreshing…' : 'Refresh'}
            </button>
          </div>

          {filter.person && matches && !ledger.error ? (
            <PersonMatches query={filter.person} matches={matches} />
          ) : null}

          {ledger.error ? (
            <div className="callout callout-error" role="alert">
              <p>
                {aboutAFilter ? (
                  <strong>A filter is not valid: fix the highlighted field and apply again.</strong>
                ) : (
                  <>
                    <strong>The ledger could not be loaded:</strong> {ledger.error.message}
                  </>
                )}
              </p>
              {ledger.error.hint ? <p>{ledger.error.hint}</p> : null}
            </div>
          ) : ledger.isPending ? (
            <div className="audit-placeholder" aria-busy="true">
              <p className="muted">Loading the ledger…</p>
            </div>
          ) : events.length === 0 ? (
            filtered ? (
              <div className="audit-empty">
                <p>
                  <strong>No events match these filters.</strong>
                </p>
                <p className="muted">
                  A person is found by name, email, login or directory id; an app by its id.
                </p>
                <button type="button" className="button button-secondary" onClick={() => apply({})}>
                  Show all events
                </button>
              </div>
            ) : (
              <EmptyLedger />
            )
          ) : (
            <AuditList
              events={events}
              people={people}
              hasMore={ledger.hasNextPage}
              loadingMore={ledger.isFetchingNextPage}
              onLoadMore={() => void ledger.fetchNextPage()}
            />
          )}
        </section>

        <div className="grid-2">
          <VerifyChain />
          <ExportLedger filter={filter} filtered={filtered} />
        </div>
      </div>
    </Page>
  );
};

const EmptyLedger = () => (
  <div className="audit-empty">
    <p>
      <strong>Nothing recorded yet.</strong>
    </p>
    <p className="muted">Lanyard writes an event here, with who did it and when, each time:</p>
    <ul className="audit-empty-list">
      <li>
        an account is provisioned, changed or deprovisioned in an app — or the change is held for review,
        approved, skipped or fails;
      </li>
      <li>a workspace file is applied;</li>
      <li>settings are changed;</li>
      <li>a secret is set or deleted (its name only, never the value).</li>
    </ul>
    <p className="muted">
      Events cannot be edited or removed, and each is chained to the one before it by a hash.
    </p>
  </div>
);
