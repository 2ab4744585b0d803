// The ledger as a virtualized list: only the rows in view are in the DOM (a ledger grows to millions), each a
// listitem with aria-posinset among the loaded rows. Rows expand in place; the virtualizer measures them, so an
// open row pushes the next ones down instead of overlapping. ↑/↓, Home/End move between rows; Enter toggles.
// Older pages load as the end comes into view.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AuditEvent, AuditListPage } from '../../../../shared/api/methods-audit';
import { AuditRow } from './audit-row';

const ROW_HEIGHT = 48;
/** Start loading the next page this many rows before the end. */
const PREFETCH_ROWS = 40;

interface Props {
  events: AuditEvent[];
  /** Names of the events' people, by directory id. */
  people: AuditListPage['people'];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

export const AuditList = ({ events, people, hasMore, loadingMore, onLoadMore }: Props) => {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const focusIndex = useRef<number | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us itself.
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => events[index]!.seq,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= events.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, events.length, onLoadMore]);

  // A keyboard move may target a row that only exists once the virtualizer has scrolled: try after each render.
  useEffect(() => {
    const index = focusIndex.current;
    if (index === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] .audit-summary`);
    if (row) {
      row.focus({ preventScroll: true });
      focusIndex.current = null;
    }
  });

  const toggle = (seq: number) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  const onRowKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: events.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(events.length - 1, target));
    focusIndex.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    // Already rendered: focus now (the effect above covers rows the scroll brings in).
    scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] .audit-summary`)?.focus();
  };

  return (
    <div className="audit-list">
      <div className="audit-head" aria-hidden="true">
        <span />
        <span>Seq</span>
        <span>Time</span>
        <span>Actor</span>
        <span>Action</span>
        <span>App · person</span>
        <span>Result</span>
      </div>
      <div className="audit-scroll" ref={scrollRef}>
        <div
          role="list"
          aria-label="Audit events, newest first"
          className="audit-rows"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const event = events[item.index]!;
            return (
              <div
                key={item.key}
                role="listitem"
                aria-posinset={item.index + 1}
                aria-setsize={hasMore ? -1 : events.length}
                className="audit-item"
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <AuditRow
                  event={event}
                  person={event.person ? people[event.person] : undefined}
                  expanded={expanded.has(event.seq)}
                  onToggle={() => toggle(event.seq)}
                  onKeyDown={(e) => onRowKeyDown(e, item.index)}
                />
              </div>
            );
          })}
        </div>
      </div>
      <p className="audit-list-foot muted" aria-live="polite">
        {loadingMore
          ? 'Loading older events…'
          : hasMore
            ? `${events.length.toLocaleString()} newest events loaded; older ones load as you scroll.`
            : `${events.length.toLocaleString()} event${events.length === 1 ? '' : 's'}.`}
      </p>
    </div>
  );
};
