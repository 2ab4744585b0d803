// Makes one LanyardBridge available to every component, and keeps react-query caches fresh from core events.
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LanyardBridge } from '../../../shared/api/client';
import { rpcKey } from './rpc-key';

const ClientContext = createContext<LanyardBridge | null>(null);

export const ClientProvider = ({ client, children }: { client: LanyardBridge; children: ReactNode }) => (
  <ClientContext.Provider value={client}>
    <EventInvalidation client={client} />
    {children}
  </ClientContext.Provider>
);

export const useClient = (): LanyardBridge => {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientProvider>');
  return client;
};

/** Another window, the CLI or the scheduler may change things: refetch what the event says changed. */
const EventInvalidation = ({ client }: { client: LanyardBridge }) => {
  const queries = useQueryClient();
  useEffect(() => {
    const offs = [
      client.on(
        'settings.changed',
        () => void queries.invalidateQueries({ queryKey: rpcKey('settings.get') }),
      ),
      client.on(
        'secrets.changed',
        () => void queries.invalidateQueries({ queryKey: rpcKey('secrets.list') }),
      ),
      client.on('health.changed', () => {
        void queries.invalidateQueries({ queryKey: rpcKey('app.info') });
        void queries.invalidateQueries({ queryKey: rpcKey('sync.status') });
      }),
      // Whether runs apply, what is held and what is quarantined (the Overview's and the Sync page's banners).
      ...(['sync.finished', 'sync.planned', 'review.changed', 'settings.changed'] as const).map((event) =>
        client.on(event, () => void queries.invalidateQueries({ queryKey: rpcKey('sync.status') })),
      ),
      // An access review changed in another window, the CLI or the scheduler: its lists, grids and counts.
      client.on(
        'reviews.changed',
        () =>
          void queries.invalidateQueries({
            predicate: (q) => q.queryKey[0] === 'rpc' && String(q.queryKey[1]).startsWith('reviews.'),
          }),
      ),
      // A task done or undone by hand in another window or the CLI: the inbox and People's "to do by hand".
      client.on('tasks.changed', () => {
        void queries.invalidateQueries({ queryKey: rpcKey('tasks.list') });
        void queries.invalidateQueries({ queryKey: rpcKey('people.list') });
      }),
      // A workspace apply can change anything (settings, which secrets are referenced, …).
      client.on('workspace.changed', () => void queries.invalidateQueries({ queryKey: ['rpc'] })),
    ];
    return () => offs.forEach((off) => off());
  }, [client, queries]);
  return null;
};
