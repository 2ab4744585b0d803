// The decision grid: every item of the campaign that the filters match, virtualized (only the rows in view are in
// the DOM) as an ARIA table whose rows carry aria-rowindex among aria-rowcount. Each row: who and which account, the
// app and role, why they have it and when they last used it, the reviewer, the decision with who made it and how it
// came in, what carrying it out came to, and — while the campaign is open — Keep / Revoke toggles, "More…" (change
// role, not mine, comment) and a checkbox for the bulk actions.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReviewItemView, ReviewerBasis } from '../../../../shared/api/methods-reviews';
import { StatusBadge } from '../../components/status-badge';
import {
  decisionText,
  decisionTone,
  formatDay,
  kindLabel,
  outcomeLabel,
  outcomeTone,
  sourceLabel,
} from './reviews-format';

const ROW_HEIGHT = 64;

const basisLabel: Record<ReviewerBasis, string> = {
  named: 'named reviewer',
  owner: 'app owner',
  manager: 'manager',
  fallback: 'fallback',
  self: 'own access → fallback',
  reassigned: 'passed on ("not mine")',
};

interface Props {
  items: ReviewItemView[];
  total: number;
  /** False once the campaign is closed: decisions are final, no actions. */
  editable: boolean;
  selected: ReadonlySet<number>;
  onSelect: (ids: number[], on: boolean) => void;
  /** The item whose quick decision is being recorded (its buttons wait). */
  busyId: number | null;
  onQuick: (item: ReviewItemView, decision: 'keep' | 'revoke') => void;
  onMore: (item: ReviewItemView) => void;
}

export const who = (i: ReviewItemView): string =>
  i.kind === 'orphan' ? `Orphan: ${i.userName}` : (i.displayName ?? i.person ?? i.userName);

export const DecisionGrid = ({
  items,
  total,
  editable,
  selected,
  onSelect,
  busyId,
  onQuick,
  onMore,
}: Props) => {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us itself.
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]!.id,
    overscan: 8,
  });
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  const someSelected = !allSelected && items.some((i) => selected.has(i.id));

  return (
    <div
      className={`reviews-grid${editable ? '' : ' reviews-grid-closed'}`}
      role="table"
      aria-label="Items to review"
      aria-rowcount={total + 1}
    >
      <div className="reviews-grid-scroll" ref={scrollRef}>
        <div className="reviews-grid-head" role="rowgroup">
          <div className="reviews-row reviews-row-head" role="row" aria-rowindex={1}>
            <div role="columnheader">
              {editable ? (
                <input
                  type="checkbox"
                  aria-label={`Select all ${items.length === 1 ? 'the 1 item' : `${items.length} items`} shown`}
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected;
                  }}
                  onChange={(e) =>
                    onSelect(
                      items.map((i) => i.id),
                      e.target.checked,
                    )
                  }
                />
              ) : null}
            </div>
            <div role="columnheader">Person · account</div>
            <div role="columnheader">App · role</div>
            <div role="columnheader">Why · last active</div>
            <div role="columnheader">Reviewer</div>
            <div role="columnheader">Decision</div>
            <div role="columnheader">{editable ? 'Decide' : ''}</div>
          </div>
        </div>
        <div className="reviews-grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index]!;
            const name = `${who(item)} in ${item.appName}`;
            const d = item.decision;
            const busy = busyId === item.id;
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={row.index + 2}
                className={`reviews-row${selected.has(item.id) ? ' reviews-row-selected' : ''}`}
                data-index={row.index}
                data-item-id={item.id}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <div role="cell">
                  {editable ? (
                    <input
                      type="checkbox"
                      aria-label={`Select ${name}`}
                      checked={selected.has(item.id)}
                      onChange={(e) => onSelect([item.id], e.target.checked)}
                    />
                  ) : null}
                </div>
                <div role="cell" className="reviews-cell">
                  <span className="reviews-main">{who(item)}</span>
                  <span className="reviews-sub">
                    {item.kind !== 'account' ? (
                      <span className="reviews-kind">{kindLabel[item.kind]}</span>
                    ) : null}
                    {item.kind === 'orphan' ? 'no directory person' : item.userName}
                  </span>
                </div>
                <div role="cell" className="reviews-cell">
                  <span className="reviews-main">{item.appName}</span>
                  <span className="reviews-sub">{item.role ?? 'no role'}</span>
                </div>
                <div role="cell" className="reviews-cell">
                  <span className="reviews-main reviews-why" title={item.grantedBy}>
                    {item.grantedBy}
                  </span>
                  <span className="reviews-sub">
                    {item.lastActivity ? `active ${formatDay(item.lastActivity)}` : 'activity unknown'}
                  </span>
                </div>
                <div role="cell" className="reviews-cell">
                  <span className="reviews-main" title={item.reviewer}>
                    {item.reviewer}
                  </span>
                  <span className="reviews-sub">{basisLabel[item.reviewerBasis]}</span>
                </div>
                <div role="cell" className="reviews-cell">
                  {d ? (
                    <>
                      <span>
                        <StatusBadge tone={decisionTone[d.decision]} label={decisionText(d)} />
                      </span>
                      <span className="reviews-sub" title={d.comment ?? undefined}>
                        {d.decidedBy} {sourceLabel[d.source]}
                        {d.comment ? ` · “${d.comment}”` : ''}
                      </span>
                      {item.outcome !== 'none' ? (
                        <span className="reviews-sub">
                          <StatusBadge tone={outcomeTone[item.outcome]} label={outcomeLabel[item.outcome]} />
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">Undecided</span>
                  )}
                </div>
                <div role="cell" className="reviews-actions">
                  {editable ? (
                    <>
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        aria-pressed={d?.decision === 'keep'}
                        aria-label={`Keep: ${name}`}
                        disabled={busy}
                        onClick={() => onQuick(item, 'keep')}
                      >
                        Keep
                      </button>
                      <button
                        type="button"
                        className="button button-small button-secondary reviews-revoke"
                        aria-pressed={d?.decision === 'revoke'}
                        aria-label={`Revoke: ${name}`}
                        disabled={busy}
                        onClick={() => onQuick(item, 'revoke')}
                      >
                        Revoke
                      </button>
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        aria-label={`More: ${name}`}
                        disabled={busy}
                        onClick={() => onMore(item)}
                      >
                        More…
                      </button>
                    </>
                  ) : null}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
};
