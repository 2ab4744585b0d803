// The ledger, newest first, a page at a time: the list asks for the next (older) page as it scrolls near the end.
// Keyed under ['rpc', 'audit.list'] so the app-wide invalidations (a workspace apply) refresh it too.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditFilter, AuditListPage } from '../../../../shared/api/methods-audit';
import { unwrap, type ApiCallError } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { rpcKey } from '../../api/rpc-key';

const PAGE_SIZE = 200;

export const useAuditPages = (filter: AuditFilter) => {
  const client = useClient();
  return useInfiniteQuery<
    AuditListPage,
    ApiCallError,
    { pages: AuditListPage[] },
    readonly unknown[],
    number | undefined
  >({
    queryKey: [...rpcKey('audit.list'), 'pages', filter],
    initialPageParam: undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await client.call('audit.list', { ...filter, limit: PAGE_SIZE, cursor: pageParam })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
};
