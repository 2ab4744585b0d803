// The configured workspace: the directory connection, the apps and the access rules.
// Each row keeps its whole validated config as JSON (so export is lossless) plus the columns other code queries.
// Replacing the workspace upserts apps by id, so the accounts Lanyard knows of an unchanged app survive.
import {
  appConfigSchema,
  directoryConfigSchema,
  ruleSchema,
  type AppConfig,
  type DirectoryConfig,
  type RuleConfig,
} from '../../shared/config/workspace';
import type { Db } from './database';

/** Lanyard has one directory (the source of truth); its row id is fixed. */
export const DIRECTORY_ID = 'primary';

interface AppRow {
  id: string;
  settings: string;
  health: string;
  health_detail: string | null;
}

/** Every secret reference in a config object, with a JSON-ish path to where it is used. */
export const secretRefsIn = (value: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && /^(keychain|env|file):/.test(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
};

/**
 * A stored row, read back through its schema. Rows were validated when written; a row a newer rule now refuses
 * (a URL with credentials, a hidden character in a name, accepted by an older Lanyard) is still read as stored, so
 * an upgrade never makes a workspace unreadable — the next edit or `config apply` has to fix it.
 */
const stored = <T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  json: string,
): T => {
  const raw: unknown = JSON.parse(json);
  const r = schema.safeParse(raw);
  return r.success ? r.data : (raw as T);
};

/** An app's stored config (the apps table's settings column), read as getApp does. */
export const storedAppConfig = (json: string): AppConfig => stored(appConfigSchema, json);

export const createWorkspaceRepo = (db: Db) => {
  const getDir = db.prepare<[string], { settings: string }>('SELECT settings FROM directories WHERE id = ?');
  const deleteDir = db.prepare<[string]>('DELETE FROM directories WHERE id = ?');
  const insertDir = db.prepare(
    `INSERT INTO directories (id, kind, name, settings, secret_refs) VALUES (@id, @kind, @name, @settings, @refs)`,
  );
  const updateDir = db.prepare(
    `UPDATE directories SET name = @name, settings = @settings, secret_refs = @refs WHERE id = @id`,
  );
  const listApps = db.prepare<[], AppRow>(
    'SELECT id, settings, health, health_detail FROM apps ORDER BY position, id',
  );
  const upsertApp = db.prepare(
    `INSERT INTO apps (id, name, kind, preset, settings, secret_refs, deprovision, review, position)
     VALUES (@id, @name, @kind, @preset, @settings, @refs, @deprovision, @review, @position)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, preset = excluded.preset,
       settings = excluded.settings, secret_refs = excluded.secret_refs, deprovision = excluded.deprovision,
       review = excluded.review, position = excluded.position`,
  );
  const deleteApp = db.prepare<[string]>('DELETE FROM apps WHERE id = ?');
  const listRules = db.prepare<[], { match: string }>('SELECT match FROM rules ORDER BY position');
  const deleteRules = db.prepare('DELETE FROM rules');
  const insertRule = db.prepare(
    `INSERT INTO rules (app_id, match, role, entitlements, priority, position)
     VALUES (@app, @match, @role, @entitlements, @priority, @position)`,
  );

  const repo = {
    getDirectory(): DirectoryConfig | null {
      const row = getDir.get(DIRECTORY_ID);
      return row ? stored(directoryConfigSchema, row.settings) : null;
    },
    setDirectory(config: DirectoryConfig | null): void {
      const current = repo.getDirectory();
      if (!config) {
        if (current) deleteDir.run(DIRECTORY_ID);
        return;
      }
      const params = {
        id: DIRECTORY_ID,
        kind: config.kind,
        name: config.name,
        settings: JSON.stringify(config),
        refs: JSON.stringify(secretRefsIn(config.auth)),
      };
      // A different IdP (or tenant) is a different source of truth: drop the old snapshot with it.
      const sameSource = current && current.kind === config.kind && sourceKey(current) === sourceKey(config);
      if (sameSource) updateDir.run(params);
      else {
        if (current) deleteDir.run(DIRECTORY_ID);
        insertDir.run(params);
      }
    },
    listApps(): AppConfig[] {
      return listApps.all().map((r) => stored(appConfigSchema, r.settings));
    },
    getApp(id: string): AppConfig | null {
      return repo.listApps().find((a) => a.id === id) ?? null;
    },
    setApps(apps: AppConfig[]): void {
      const keep = new Set(apps.map((a) => a.id));
      for (const row of listApps.all()) if (!keep.has(row.id)) deleteApp.run(row.id);
      apps.forEach((app, position) =>
        upsertApp.run({
          id: app.id,
          name: app.name,
          kind: app.kind,
          preset: app.kind === 'scim' ? app.preset : null,
          settings: JSON.stringify(app),
          refs: JSON.stringify('auth' in app ? secretRefsIn(app.auth) : []),
          deprovision: JSON.stringify(app.deprovision),
          review: app.review,
          position,
        }),
      );
    },
    listRules(): RuleConfig[] {
      return listRules.all().map((r) => stored(ruleSchema, r.match));
    },
    setRules(rules: RuleConfig[]): void {
      deleteRules.run();
      rules.forEach((rule, position) =>
        insertRule.run({
          app: rule.app,
          match: JSON.stringify(rule),
          role: rule.role ?? null,
          entitlements: JSON.stringify({ teams: rule.teams ?? [], appGroups: rule.appGroups ?? [] }),
          priority: rule.priority ?? 0,
          position,
        }),
      );
    },
    /** Every secret reference the workspace uses, with where it is used. */
    referencedSecrets(): { ref: string; usedBy: string }[] {
      const out: { ref: string; usedBy: string }[] = [];
      const dir = repo.getDirectory();
      if (dir) for (const ref of secretRefsIn(dir.auth)) out.push({ ref, usedBy: `directory (${dir.name})` });
      for (const app of repo.listApps()) {
        if ('auth' in app)
          for (const ref of secretRefsIn(app.auth)) out.push({ ref, usedBy: `app ${app.id}` });
      }
      return out;
    },
  };
  return repo;
};

const sourceKey = (c: DirectoryConfig): string =>
  c.kind === 'entra' ? c.tenantId : c.kind === 'google' ? (c.customer ?? 'my_customer') : c.baseUrl;

export type WorkspaceRepo = ReturnType<typeof createWorkspaceRepo>;
