// status.summary for every view that says how Lanyard is doing (the Overview's cards, the Sync page's scheduler
// card, the problem banners, the shell's "core not responding" banner): one query, refreshed by the core's events
// and polled, so a core that stopped is noticed even when no event will ever come. When the last refresh failed the
// summary on screen is no longer known to be true: `summary` is then undefined, never the stale answer (a green
// "Scheduled" must not outlive the core).
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { StatusSummary } from '../../../shared/api/methods-status';
import type { EventName } from '../../../shared/api/events';
import { unwrap, type ApiCallError } from '../api/api-error';
import { useClient } from '../api/client-context';
import { rpcKey } from '../api/rpc-key';

/** How often the status is read again without an event (also how soon a stopped core is noticed). */
export const STATUS_POLL_MS = 10_000;

const REFRESH_ON: EventName[] = [
  'sync.finished',
  'sync.planned',
  'health.changed',
  'review.changed',
  'offboarding.pendingChanged',
  'offboarding.caseChanged',
  'tasks.changed',
  'settings.changed',
  'workspace.changed',
];

/** The transport's own words when no answer came back at all (renderer/src/api/http-transport.ts). */
const UNREACHABLE = /^(Cannot reach the Lanyard core|The Lanyard core answered)/;

export interface StatusQuery {
  /** The current summary; undefined while loading or when the last refresh failed. */
  summary: StatusSummary | undefined;
  error: ApiCallError | null;
  /** The core did not answer (stopped, or the connection is gone), as opposed to answering with an error. */
  unreachable: boolean;
  retry: () => void;
  retrying: boolean;
}

export const useStatusSummary = (): StatusQuery => {
  const client = useClient();
  const queries = useQueryClient();
  useEffect(() => {
    const refresh = () => void queries.invalidateQueries({ queryKey: rpcKey('status.summary') });
    const offs = REFRESH_ON.map((event) => client.on(event, refresh));
    return () => offs.forEach((off) => off());
  }, [client, queries]);
  const q = useQuery<StatusSummary, ApiCallError>({
    queryKey: rpcKey('status.summary', {}),
    queryFn: async () => unwrap(await client.call('status.summary', {})),
    refetchInterval: STATUS_POLL_MS,
  });
  return {
    summary: q.isError ? undefined : q.data,
    error: q.error,
    unreachable: q.isError && UNREACHABLE.test(q.error.message),
    retry: () => void q.refetch(),
    retrying: q.isFetching,
  };
};
