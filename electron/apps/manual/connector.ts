// The connector of apps without an API: every operation becomes a checklist task (a ManualOutcome) instead of a
// remote state, and the accounts are what admins confirmed (stored via apps.confirmManual). Listing returns
// those confirmed accounts, so the sync engine plans against them like any other app.
import type { AppAccount, AppConnector, ConnectorDeps, ManualOutcome } from '../types';
import type { ManualAppConfig } from '../types-config';
import { manualTask } from './tasks';

export interface ManualConnectorDeps extends ConnectorDeps {
  /** The accounts admins have confirmed for this app (from the accounts table). */
  confirmedAccounts?: () => Promise<AppAccount[]>;
}

export const createManualConnector = (config: ManualAppConfig, deps: ManualConnectorDeps): AppConnector => {
  const task = (
    ...args: Parameters<typeof manualTask> extends [unknown, ...infer R] ? R : never
  ): ManualOutcome => ({
    manual: true,
    task: manualTask(config, ...args),
  });
  return {
    kind: 'manual',
    appId: config.id,
    async test() {
      return {
        ok: true,
        details: [
          `${config.name} has no API: changes become checklist tasks${config.assignee ? ` for ${config.assignee}` : ''}.`,
        ],
        missing: [],
      };
    },
    async capabilities() {
      return {
        kind: 'manual',
        update: 'put-only',
        filter: false,
        groups: true,
        etag: false,
        enterpriseExtension: false,
        pageSize: 0,
        deleteMeans: 'delete',
        sources: ['preset'],
      };
    },
    async listAccounts() {
      return (await deps.confirmedAccounts?.()) ?? [];
    },
    async listGroups() {
      return [];
    },
    async create(spec) {
      return task('created', spec.userName);
    },
    async update(remoteId, changes) {
      const what = Object.entries(changes)
        .filter(([k, v]) => v !== undefined && k !== 'externalId')
        .map(([k, v]) => `${k} → ${v === null ? '(clear)' : String(v)}`)
        .join(', ');
      return task('updated', remoteId, what);
    },
    async setActive(remoteId, active) {
      return task(active ? 'reactivated' : 'deactivated', remoteId);
    },
    async delete(remoteId) {
      return task('deleted', remoteId);
    },
    async addToGroup(groupId, memberIds) {
      return task('add-to-group', memberIds.join(', '), groupId);
    },
    async removeFromGroup(groupId, memberIds) {
      return task('remove-from-group', memberIds.join(', '), groupId);
    },
    requestCount: () => 0,
  };
};
