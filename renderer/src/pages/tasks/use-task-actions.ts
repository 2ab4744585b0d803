// Done and Undo of a hand task from any page (Tasks, an app's page): one call at a time, the error kept in words,
// and every view that shows the task's effect refreshed — the task lists, People (cells, the person panel, the
// explainer), offboarding cases and the app's accounts. useTaskEvents keeps those fresh when another window, the
// CLI or a sync run changes them.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../../shared/api/contract';
import type { HandTaskView } from '../../../../shared/api/methods-tasks';
import { unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { rpcKey } from '../../api/rpc-key';
import { errorText } from '../../offboarding/offboarding-format';

const AFFECTED: MethodName[] = [
  'tasks.list',
  'people.list',
  'people.get',
  'sync.explain',
  'offboarding.list',
  'offboarding.get',
  'apps.status',
];

export const useTaskActions = () => {
  const client = useClient();
  const queries = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; text: string } | null>(null);
  /** The last Done, so the page can offer its Undo right where the admin clicked. */
  const [lastDone, setLastDone] = useState<HandTaskView | null>(null);

  const refresh = () => Promise.all(AFFECTED.map((m) => queries.invalidateQueries({ queryKey: rpcKey(m) })));

  const run = async (id: string, what: string, call: () => Promise<HandTaskView>): Promise<void> => {
    setBusy(id);
    setError(null);
    try {
      const task = await call();
      setLastDone(task.status === 'done' ? task : null);
      await refresh();
    } catch (err) {
      setError({ id, text: errorText(err, what) });
    } finally {
      setBusy(null);
    }
  };

  return {
    busy,
    error,
    lastDone,
    done: (t: HandTaskView, note: string) =>
      run(t.id, `Could not mark “${t.title}” done`, async () =>
        unwrap(await client.call('tasks.done', { id: t.id, note })),
      ),
    undo: (t: HandTaskView) =>
      run(t.id, `Could not undo “${t.title}”`, async () =>
        unwrap(await client.call('tasks.undo', { id: t.id })),
      ),
  };
};

export type TaskActions = ReturnType<typeof useTaskActions>;

/** Task lists follow Dones elsewhere, sync runs (new tasks, confirmations) and offboarding cases. */
export const useTaskEvents = () => {
  const client = useClient();
  const queries = useQueryClient();
  useEffect(() => {
    const refresh = () => {
      for (const m of AFFECTED) void queries.invalidateQueries({ queryKey: rpcKey(m) });
    };
    const offs = [
      client.on('tasks.changed', refresh),
      client.on('sync.finished', refresh),
      client.on('offboarding.caseChanged', refresh),
    ];
    return () => offs.forEach((off) => off());
  }, [client, queries]);
};
