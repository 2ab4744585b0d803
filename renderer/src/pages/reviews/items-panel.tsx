// The campaign's items: filters (in the URL), bulk Keep / Revoke for the selected items (after a confirmation, like
// every destructive action), the virtualized decision grid and the per-item decision dialog. Decisions made here
// are recorded as the admin's, for each item's reviewer, coming "in Lanyard"; nothing is carried out until the
// decisions are applied or the campaign is closed.
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { MethodOutput } from '../../../../shared/api/contract';
import type {
  ReviewCampaignView,
  ReviewDecisionInput,
  ReviewItemView,
} from '../../../../shared/api/methods-reviews';
import { unwrap, type ApiCallError } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { rpcKey } from '../../api/rpc-key';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { errorText } from '../../offboarding/offboarding-format';
import { DecisionDialog } from './decision-dialog';
import { DecisionGrid } from './decision-grid';
import { GridFilters } from './grid-filters';
import {
  GRID_LIMIT,
  filterFromParams,
  isFiltered,
  itemsQuery,
  paramsFromFilter,
  type ItemsFilter,
} from './items-filter';
import { plural } from './reviews-format';

const REFRESH = ['reviews.items', 'reviews.get', 'reviews.list', 'reviews.status'] as const;

export const ItemsPanel = ({ campaign }: { campaign: ReviewCampaignView }) => {
  const client = useClient();
  const [params, setParams] = useSearchParams();
  // The filter lives in state (changes queue: two quick changes both count) and is mirrored into the address, so
  // it survives a reload and can be linked; an address changed from outside (a link, back) replaces it.
  const [filter, setFilter] = useState(() => filterFromParams(params));
  const written = useRef(params.toString());
  useEffect(() => {
    if (params.toString() === written.current) return;
    written.current = params.toString();
    setFilter(filterFromParams(params));
  }, [params]);
  useEffect(() => {
    const next = new URLSearchParams(paramsFromFilter(filter));
    if (next.toString() === written.current) return;
    written.current = next.toString();
    setParams(next, { replace: true });
  }, [filter, setParams]);
  const deferred = useDeferredValue(filter);
  const input = itemsQuery(campaign.id, deferred);
  // The previous rows stay on screen while a new filter loads, so the grid does not flash empty.
  const items = useQuery<MethodOutput<'reviews.items'>, ApiCallError>({
    queryKey: rpcKey('reviews.items', input),
    queryFn: async () => unwrap(await client.call('reviews.items', input)),
    placeholderData: keepPreviousData,
  });
  const decide = useRpcMutation('reviews.decide', [...REFRESH]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [busyId, setBusyId] = useState<number | null>(null);
  const [more, setMore] = useState<ReviewItemView | null>(null);
  const [bulk, setBulk] = useState<'keep' | 'revoke' | null>(null);
  const [message, setMessage] = useState('');

  const editable = campaign.status === 'open';
  const list = useMemo(() => items.data?.items ?? [], [items.data]);
  const shownSelected = list.filter((i) => selected.has(i.id));
  const change = (patch: Partial<ItemsFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const workspace = useRpcQuery('workspace.get', {});
  const apps = useMemo(() => {
    const names = new Map(workspace.data?.apps.map((a) => [a.id, a.name]));
    return campaign.scope.apps.map((id) => ({ id, name: names.get(id) ?? id }));
  }, [campaign.scope.apps, workspace.data]);
  const roles = useMemo(
    () => [...new Set(list.filter((i) => i.appId === more?.appId && i.role).map((i) => i.role!))].sort(),
    [list, more],
  );

  const record = (decisions: ReviewDecisionInput[], done: (text: string) => void) => {
    decide.mutate(
      { campaignId: campaign.id, decisions },
      {
        onSuccess: (r) =>
          done(
            `Recorded ${plural(r.recorded, 'decision')}${r.unchanged ? ` (${r.unchanged} unchanged)` : ''}.`,
          ),
        onSettled: () => setBusyId(null),
      },
    );
  };

  const onSelect = (ids: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <section className="card reviews-items" aria-labelledby="reviews-items-title">
      <div className="card-header">
        <h2 id="reviews-items-title">Items</h2>
        <p className="muted" role="status" aria-live="polite">
          {items.data
            ? `${plural(items.data.total, 'item')}${isFiltered(filter) ? ' match' : ''}${
                items.data.total > list.length ? `; the first ${GRID_LIMIT.toLocaleString()} are shown` : ''
              }`
            : ''}
        </p>
      </div>
      <GridFilters filter={filter} onChange={change} reviewers={campaign.reviewers} apps={apps} />
      {editable ? (
        <div className="reviews-bulk">
          <span className="muted">{plural(shownSelected.length, 'item')} selected</span>
          <button
            type="button"
            className="button button-small button-secondary"
            disabled={!shownSelected.length}
            onClick={() => setBulk('keep')}
          >
            Keep selected
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            disabled={!shownSelected.length}
            onClick={() => setBulk('revoke')}
          >
            Revoke selected
          </button>
          <p className="reviews-bulk-status" role="status">
            {decide.error && !more ? errorText(decide.error, 'Not recorded') : message}
          </p>
        </div>
      ) : null}
      {items.error ? (
        <p className="callout callout-error" role="alert">
          {errorText(items.error, 'Could not load the items')}
        </p>
      ) : items.isPending ? (
        <p className="muted" aria-busy="true">
          Loading items…
        </p>
      ) : list.length === 0 ? (
        <div className="reviews-empty-grid">
          <p>{isFiltered(filter) ? 'No item matches these filters.' : 'This campaign has no items.'}</p>
          {isFiltered(filter) ? (
            <button type="button" className="button button-secondary" onClick={() => setParams({})}>
              Show all items
            </button>
          ) : null}
        </div>
      ) : (
        <DecisionGrid
          items={list}
          total={items.data.total}
          editable={editable}
          selected={selected}
          onSelect={onSelect}
          busyId={busyId}
          onQuick={(item, decision) => {
            setBusyId(item.id);
            setMessage('');
            record([{ itemId: item.id, decision }], setMessage);
          }}
          onMore={(item) => {
            decide.reset();
            setMore(item);
          }}
        />
      )}
      {more ? (
        <DecisionDialog
          item={more}
          roles={roles}
          busy={decide.isPending}
          error={decide.error ? errorText(decide.error, 'Not recorded') : null}
          onCancel={() => setMore(null)}
          onSave={(d) =>
            record([d], (text) => {
              setMessage(text);
              setMore(null);
            })
          }
        />
      ) : null}
      <ConfirmDialog
        open={bulk !== null}
        title={`${bulk === 'revoke' ? 'Revoke' : 'Keep'} ${plural(shownSelected.length, 'item')}?`}
        confirmLabel={`${bulk === 'revoke' ? 'Revoke' : 'Keep'} ${plural(shownSelected.length, 'item')}`}
        busy={decide.isPending}
        error={bulk && decide.error ? errorText(decide.error, 'Not recorded') : null}
        onCancel={() => setBulk(null)}
        onConfirm={() =>
          record(
            shownSelected.map((i) => ({ itemId: i.id, decision: bulk! })),
            (text) => {
              setMessage(text);
              setBulk(null);
              setSelected(new Set());
            },
          )
        }
      >
        <p>
          Records “{bulk === 'revoke' ? 'revoke' : 'keep'}” for{' '}
          {plural(shownSelected.length, 'selected item')}, as your decision for each item's reviewer. A
          decision already recorded is replaced.
        </p>
        {bulk === 'revoke' ? (
          <p>
            Nothing is removed now: revocations go through the gate when you apply the decisions or close the
            campaign, and may wait there for review.
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
};
