// The before/after of a `config.applied` event: what an auditor needs to see changed (directory, apps and their
// policies, access rules, settings), never credentials. Auth blocks are left out entirely; they only hold secret
// references, and the ledger's sanitizer would redact their values anyway.
import type { AppConfig } from '../../shared/config/workspace';
import type { StoredWorkspace } from '../config/export-workspace';

const appSummary = (a: AppConfig) => ({
  id: a.id,
  name: a.name,
  kind: a.kind,
  ...(a.kind === 'scim' ? { preset: a.preset, baseUrl: a.baseUrl } : {}),
  ...(a.kind === 'github' ? { org: a.org, baseUrl: a.baseUrl } : {}),
  deprovision: a.deprovision,
  review: a.review,
});

export const workspaceAuditSummary = (ws: StoredWorkspace) => ({
  directory: ws.directory ? { kind: ws.directory.kind, name: ws.directory.name } : null,
  apps: ws.apps.map(appSummary),
  rules: ws.rules,
  settings: ws.settings,
});
