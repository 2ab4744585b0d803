// Checklist tasks for apps without an API: what a person must do by hand, in words, for the sync engine and the
// offboarding review to show. Confirming a task (apps.confirmManual) records the account.
import type { ManualAppConfig } from '../types-config';
import type { ManualTask } from '../types';

type TaskAction = ManualTask['action'];

const VERBS: Record<TaskAction, (target: string, app: string, extra: string) => string> = {
  created: (t, a) => `Create an account for ${t} in ${a}`,
  updated: (t, a, x) => `Update ${t}'s account in ${a}${x ? `: ${x}` : ''}`,
  deactivated: (t, a) => `Deactivate ${t}'s account in ${a}`,
  reactivated: (t, a) => `Reactivate ${t}'s account in ${a}`,
  deleted: (t, a) => `Delete ${t}'s account in ${a}`,
  'add-to-group': (t, a, x) => `Add ${t} to ${x} in ${a}`,
  'remove-from-group': (t, a, x) => `Remove ${t} from ${x} in ${a}`,
};

/** Actions whose "done" records the account in Lanyard (group changes do not). */
const RECORDS_ACCOUNT = new Set<TaskAction>(['created', 'updated', 'deactivated', 'reactivated', 'deleted']);

export const manualTask = (
  config: ManualAppConfig,
  action: TaskAction,
  target: string,
  extra = '',
): ManualTask => {
  const title = VERBS[action](target, config.name, extra);
  const lines = [
    `${title}.`,
    ...(config.instructions ? [config.instructions] : []),
    // Say where the Done button is: the instructions are also read in the ledger, the CLI and notifications.
    RECORDS_ACCOUNT.has(action)
      ? 'Then mark it done on Lanyard’s Tasks page (or the app’s page) so Lanyard records the account.'
      : 'Then mark it done on Lanyard’s Tasks page.',
  ];
  return {
    appId: config.id,
    action,
    title,
    instructions: lines.join('\n'),
    target,
    assignee: config.assignee ?? null,
  };
};
