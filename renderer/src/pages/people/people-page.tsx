// People (issue #7): everyone in the directory against every connected app, searchable as you type and filterable,
// with a panel per person (profile, groups, accounts, the "why" explainer, Offboard). The whole matrix arrives in
// one people.list call; search and filters run in the renderer over a pre-lowered index. With many apps, a column
// chooser picks which apps are columns (use-people-columns.ts) and the app filter narrows by one app's cell.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { PeopleList } from '../../../../shared/api/methods-people';
import { useClient } from '../../api/client-context';
import { Link, useSearchParams } from 'react-router';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { rpcKey } from '../../api/rpc-key';
import { Page } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { ColumnChooser } from './column-chooser';
import { OrphansTable } from './orphans-table';
import { plural } from '../../components/plural';
import { PeopleFilters, PendingOnly } from './people-filters';
import { emptyFilter, filterPeople, indexPeople, isFiltered, type PeopleFilter } from './people-filter';
import { formatAgo, formatCount, formatDate } from './people-format';
import { PeopleGrid } from './people-grid';
import { PersonPanel } from './person-panel';
import { usePeopleColumns } from './use-people-columns';
import '../../styles/people.css';

type View = 'people' | 'orphans';

export const PeoplePage = () => {
  const list = useRpcQuery('people.list', {});
  useRefreshOnPull();
  const data = list.data;

  const [filter, setFilter] = useState<PeopleFilter>(emptyFilter);
  // Typing stays instant; the 10,000-row filter catches up in a transition.
  const deferred = useDeferredValue(filter);
  // `#/people?view=orphans` (the Overview's orphan link) opens on the orphan list.
  const [params] = useSearchParams();
  const [view, setView] = useState<View>(params.get('view') === 'orphans' ? 'orphans' : 'people');
  const orphans = useRpcQuery('orphans.list', {});
  const openOrphans = orphans.data?.open;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { frameRef, columns } = usePeopleColumns(data, deferred.app);

  const indexed = useMemo(() => (data ? indexPeople(data) : []), [data]);
  const people = useMemo(() => filterPeople(indexed, deferred), [indexed, deferred]);
  const groupNames = useMemo(() => new Map(data?.groups.map((g) => [g.id, g.name])), [data]);
  const selected = useMemo(
    () => (selectedId ? (data?.people.find((p) => p.id === selectedId) ?? null) : null),
    [data, selectedId],
  );

  const closePanel = useCallback(() => {
    const id = selectedId;
    setSelectedId(null);
    // Back to the row the panel was opened from (if it is still rendered), else to the search box.
    requestAnimationFrame(() => {
      const row = id ? document.querySelector<HTMLElement>(`[data-person-id="${CSS.escape(id)}"]`) : null;
      (row ?? searchRef.current)?.focus();
    });
  }, [selectedId]);

  const total = data?.people.length ?? 0;
  const filtered = isFiltered(filter);
  const noDirectory = data && !data.directory;
  const neverRead = data?.directory && total === 0;

  return (
    <Page title="People" lead="Everyone in your identity provider, the apps each person has, and why.">
      <div className="people" ref={frameRef}>
        {list.error ? (
          <div className="callout callout-error" role="alert">
            <p>
              <strong>The directory could not be loaded:</strong> {list.error.message}
            </p>
            {list.error.hint ? <p className="muted">{list.error.hint}</p> : null}
            <button
              type="button"
              className="button"
              onClick={() => void list.refetch()}
              disabled={list.isFetching}
            >
              {list.isFetching ? 'Trying again…' : 'Try again'}
            </button>
          </div>
        ) : null}

        <DirectoryLine data={data} />

        {noDirectory ? (
          <NoDirectory />
        ) : neverRead ? (
          <NeverRead name={data.directory!.name} />
        ) : (
          <>
            <div className="people-toolbar" role="search" aria-label="Find people">
              <PeopleFilters
                filter={filter}
                onChange={(patch) => setFilter((f) => ({ ...f, ...patch }))}
                groups={data?.groups ?? []}
                apps={data?.apps ?? []}
                disabled={!data || view === 'orphans'}
                searchRef={searchRef}
              />
              <div className="people-summary">
                <p className="people-count" role="status" aria-live="polite">
                  {!data
                    ? 'Loading people…'
                    : view === 'orphans'
                      ? plural(openOrphans ?? data.orphans.length, 'orphan account')
                      : filtered
                        ? `Showing ${formatCount(people.length)} of ${formatCount(total)} people`
                        : `${formatCount(total)} people`}
                </p>
                {filtered && view === 'people' ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => setFilter(emptyFilter)}
                  >
                    Clear filters
                  </button>
                ) : null}
                <PendingOnly
                  checked={filter.pendingOnly}
                  disabled={!data || view === 'orphans'}
                  onChange={(pendingOnly) => setFilter((f) => ({ ...f, pendingOnly }))}
                />
                {columns.apps.length ? (
                  <ColumnChooser
                    apps={columns.apps}
                    counts={columns.counts}
                    selected={columns.selected}
                    custom={columns.custom}
                    disabled={!data || view === 'orphans'}
                    onChange={columns.setChosen}
                  />
                ) : null}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-pressed={view === 'orphans'}
                  disabled={!data}
                  onClick={() => setView((v) => (v === 'orphans' ? 'people' : 'orphans'))}
                >
                  Orphan accounts{openOrphans !== undefined ? ` (${formatCount(openOrphans)})` : ''}
                </button>
              </div>
            </div>

            {view === 'orphans' && data ? (
              <OrphansTable people={data.people} />
            ) : (
              <>
                {data && !data.apps.length ? (
                  <p className="people-note muted">
                    No apps connected yet: add apps and access rules to the workspace file to see who has
                    which account.
                  </p>
                ) : null}
                <PeopleGrid
                  label={`People, ${formatCount(people.length)} rows`}
                  people={people}
                  apps={columns.shown}
                  groupNames={groupNames}
                  selectedId={selectedId}
                  loading={!data && !list.error}
                  onOpen={(p) => setSelectedId(p.id)}
                  empty={
                    <div className="people-empty">
                      <h2>No one matches</h2>
                      <p className="muted">
                        {filter.query.trim()
                          ? `Nobody matches “${filter.query.trim()}” with these filters.`
                          : 'Nobody matches these filters.'}{' '}
                        Try fewer words, or clear the filters.
                      </p>
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setFilter(emptyFilter)}
                      >
                        Clear filters
                      </button>
                    </div>
                  }
                />
                <p className="people-keys muted">
                  <kbd>↑</kbd> <kbd>↓</kbd> move between people · <kbd>Enter</kbd> opens the panel ·{' '}
                  <kbd>Esc</kbd> closes it
                </p>
              </>
            )}
          </>
        )}
      </div>
      {selected && data ? (
        <PersonPanel
          key={selected.id}
          person={selected}
          people={data.people}
          apps={data.apps}
          groupNames={groupNames}
          onClose={closePanel}
        />
      ) : null}
    </Page>
  );
};

/** A new directory read (from the scheduler, the CLI or another window) refreshes the table. */
const useRefreshOnPull = () => {
  const client = useClient();
  const queries = useQueryClient();
  useEffect(
    () =>
      client.on(
        'directory.pulled',
        () => void queries.invalidateQueries({ queryKey: rpcKey('people.list') }),
      ),
    [client, queries],
  );
};

const healthTone = { ok: 'ok', degraded: 'degraded', error: 'error', unknown: 'neutral' } as const;
const kindName = { okta: 'Okta', entra: 'Entra ID', google: 'Google Workspace', auth0: 'Auth0' } as const;

/** "Acme Okta · Okta · read 3 minutes ago", with the directory's health when it is not fine. */
const DirectoryLine = ({ data }: { data: PeopleList | undefined }) => {
  const dir = data?.directory;
  // No directory: the card below says what to do; a line saying "none" would only repeat it.
  if (data && !dir) return null;
  return (
    <p className="people-directory">
      {dir ? (
        <>
          <span className="people-directory-name">{dir.name}</span>
          <span className="muted">{kindName[dir.kind]}</span>
          <span className="muted" title={dir.lastReadAt ? formatDate(dir.lastReadAt) : undefined}>
            {dir.lastReadAt ? `read ${formatAgo(dir.lastReadAt)}` : 'not read yet'}
          </span>
          {dir.health !== 'ok' && dir.health !== 'unknown' ? (
            <span title={dir.healthDetail ?? undefined}>
              <StatusBadge
                tone={healthTone[dir.health]}
                label={dir.health === 'error' ? 'Last read failed' : 'Degraded'}
              />
            </span>
          ) : null}
        </>
      ) : data ? null : (
        '\u00a0'
      )}
    </p>
  );
};

const NoDirectory = () => (
  <div className="card people-empty">
    <h2>No directory connected yet</h2>
    <p className="muted">
      Connect Okta, Entra ID, Google Workspace or Auth0 — in the setup, or in Settings → Directory — and read
      it once. Everyone in it then appears here, with the apps each person has.
    </p>
    <div className="people-empty-actions">
      <Link className="button" to="/setup">
        Set up Lanyard
      </Link>
      <Link className="button button-secondary" to="/settings">
        Settings → Directory
      </Link>
    </div>
  </div>
);

const NeverRead = ({ name }: { name: string }) => {
  const pull = useRpcMutation('directory.pull', ['people.list', 'setup.status']);
  return (
    <div className="card people-empty">
      <h2>{name} has not been read yet</h2>
      <p className="muted">Pull the directory once; the scheduler keeps it up to date from then on.</p>
      <div className="people-empty-actions">
        <button
          type="button"
          className="button"
          aria-disabled={pull.isPending || undefined}
          onClick={() => !pull.isPending && pull.mutate({})}
        >
          {pull.isPending ? 'Reading the directory…' : 'Pull the directory'}
        </button>
      </div>
      <p className="form-status form-status-error" role="status">
        {pull.error ? `${pull.error.message}${pull.error.hint ? ` ${pull.error.hint}` : ''}` : ''}
      </p>
    </div>
  );
};
