// Manual apps have no API: the ops the planner would send become `manual-task` ops carrying the checklist text
// (electron/apps/manual/tasks.ts) and the reason. Attribute updates and group changes are not turned into tasks:
// admins confirm accounts, not their profiles or groups, so such tasks could never be seen as done.
import { manualTask } from '../apps/manual/tasks';
import { makeOp } from './ops';
import type { AppConfig, ManualTask, PlanOp } from './types';

type ManualApp = Extract<AppConfig, { kind: 'manual' }>;

export const asManualTask = (app: ManualApp, op: PlanOp): PlanOp | null => {
  const p = op.payload;
  let action: ManualTask['action'];
  let target: string;
  let extra = '';
  let role: string | null = null;
  switch (p.kind) {
    case 'create':
      action = 'created';
      target = p.spec.userName;
      role = p.spec.role ?? null;
      break;
    case 'reactivate':
      action = 'reactivated';
      target = p.remoteId;
      break;
    case 'deactivate':
      action = 'deactivated';
      target = p.remoteId;
      break;
    case 'delete':
      action = 'deleted';
      target = p.remoteId;
      break;
    case 'set-role':
      action = 'updated';
      target = p.remoteId;
      role = p.role;
      extra = `role → ${p.role}`;
      break;
    default:
      return null;
  }
  const task = manualTask(app, action, target, extra);
  if (p.kind === 'create' && role) task.instructions += `\nGive them the role ${role}.`;
  return makeOp({
    appId: op.appId,
    personId: op.personId,
    target: op.target,
    reason: op.reason,
    payload: {
      kind: 'manual-task',
      action,
      task,
      remoteId: p.kind === 'create' ? null : target,
      spec: p.kind === 'create' ? p.spec : null,
      role,
    },
    keyParts: [op.key],
  });
};
