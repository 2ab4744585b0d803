// Keeps offboarding data live: a case moving on, the pending count changing or a sync finishing (which may open
// cases) refetches what those events touch — also when the change came from the CLI, the tray or the scheduler.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../shared/api/contract';
import { useClient } from '../api/client-context';
import { rpcKey } from '../api/rpc-key';

const touched: MethodName[] = [
  'offboarding.list',
  'offboarding.get',
  'review.list',
  'sync.status',
  'runs.list',
  'apps.status',
  'audit.list',
];

export const useOffboardingEvents = (): void => {
  const client = useClient();
  const queries = useQueryClient();
  useEffect(() => {
    const refresh = () => {
      for (const m of touched) void queries.invalidateQueries({ queryKey: rpcKey(m) });
    };
    const offs = [
      client.on('offboarding.caseChanged', refresh),
      client.on('offboarding.pendingChanged', refresh),
      client.on('sync.finished', refresh),
      client.on('review.changed', refresh),
    ];
    return () => offs.forEach((off) => off());
  }, [client, queries]);
};
