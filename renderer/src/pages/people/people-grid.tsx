// The virtualized people × apps grid (WAI-ARIA grid pattern): only the rows in view are in the DOM, each carries
// aria-rowindex so assistive tech knows where it is among aria-rowcount. Rows are focusable with a roving
// tabindex: ↑/↓, PageUp/PageDown, Home/End move, Enter (or Space) opens the person panel.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PeopleListApp, PeopleListPerson } from '../../../../shared/api/methods-people';
import { StatusBadge } from '../../components/status-badge';
import { MatrixCell } from './matrix-cell';
import { nameOf } from './people-filter';
import { layoutFor } from './people-grid-layout';
import { statusLabel, statusTone } from './people-format';

export const ROW_HEIGHT = 52;
const PAGE_ROWS = 10;

interface Props {
  people: PeopleListPerson[];
  /** The apps shown as columns (see people-columns.ts), in order. */
  apps: PeopleListApp[];
  groupNames: ReadonlyMap<string, string>;
  /** The person whose panel is open. */
  selectedId: string | null;
  onOpen: (person: PeopleListPerson) => void;
  /** Shown inside the grid frame when there are no rows (the frame keeps its size: no layout shift). */
  empty?: ReactNode;
  loading?: boolean;
  label: string;
}

export const PeopleGrid = ({
  people,
  apps,
  groupNames,
  selectedId,
  onOpen,
  empty,
  loading,
  label,
}: Props) => {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusIndex = useRef<number | null>(null);
  const activeIndex = Math.min(active, Math.max(0, people.length - 1));

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us itself.
  const virtualizer = useVirtualizer({
    count: people.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // After a keyboard move the target row may only exist once the virtualizer has scrolled: try after each render.
  useEffect(() => {
    const index = focusIndex.current;
    if (index === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusIndex.current = null;
    }
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(people.length - 1, index));
    setActive(next);
    focusIndex.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, person: PeopleListPerson) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + PAGE_ROWS,
      PageUp: index - PAGE_ROWS,
      Home: 0,
      End: people.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(person);
    }
  };

  const layout = layoutFor(apps.length);
  const rows = virtualizer.getVirtualItems();

  return (
    <div
      className="people-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={people.length + 1}
      aria-colcount={4 + apps.length}
      aria-busy={loading || undefined}
      style={{
        ['--people-columns' as string]: layout.columns,
        ['--people-min-width' as string]: layout.minWidth,
      }}
    >
      <div className="people-grid-scroll" ref={scrollRef}>
        <div className="people-grid-head" role="rowgroup">
          <div className="people-row people-row-head" role="row" aria-rowindex={1}>
            <div role="columnheader">Person</div>
            <div role="columnheader">Status</div>
            <div role="columnheader">Department</div>
            <div role="columnheader">Groups</div>
            {apps.map((app) => (
              <div key={app.id} role="columnheader" className="people-col-app" title={app.name}>
                {app.name}
              </div>
            ))}
          </div>
        </div>
        {loading ? (
          <div className="people-grid-body" role="rowgroup" aria-hidden="true">
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className="people-row people-row-skeleton" style={{ height: ROW_HEIGHT }}>
                <span className="skeleton" />
                <span className="skeleton skeleton-badge" />
                <span className="skeleton" />
                <span className="skeleton" />
              </div>
            ))}
          </div>
        ) : people.length === 0 ? (
          <div className="people-grid-empty">{empty}</div>
        ) : (
          <div className="people-grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {rows.map((item) => {
              const person = people[item.index]!;
              const byApp = new Map(person.accounts.map((a) => [a.appId, a]));
              const groupList = person.groups.map((id) => groupNames.get(id) ?? id);
              const selected = person.id === selectedId;
              return (
                <div
                  key={person.id}
                  role="row"
                  className={`people-row${selected ? ' people-row-selected' : ''}`}
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  data-row-index={item.index}
                  data-person-id={person.id}
                  tabIndex={item.index === activeIndex ? 0 : -1}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => {
                    setActive(item.index);
                    onOpen(person);
                  }}
                  onFocus={() => setActive(item.index)}
                  onKeyDown={(e) => onRowKeyDown(e, item.index, person)}
                >
                  <div role="rowheader" className="people-person">
                    <span className="people-name">{nameOf(person)}</span>
                    <span className="people-email">{person.email ?? person.login}</span>
                  </div>
                  <div role="gridcell">
                    <StatusBadge tone={statusTone[person.status]} label={statusLabel[person.status]} />
                  </div>
                  <div role="gridcell" className="people-dept">
                    {person.department ?? <span className="muted">—</span>}
                    {person.title ? <span className="people-title">{person.title}</span> : null}
                  </div>
                  <div role="gridcell" className="people-groups" title={groupList.join(', ')}>
                    {groupList.length ? (
                      <>
                        {groupList.slice(0, 2).join(', ')}
                        {groupList.length > 2 ? (
                          <span className="people-more"> +{groupList.length - 2}</span>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">No groups</span>
                    )}
                  </div>
                  {apps.map((app) => (
                    <div key={app.id} role="gridcell" className="people-col-app">
                      <MatrixCell cell={byApp.get(app.id)} />
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
};
