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
import type { Store } from './store';

/** Lanyard has one directory (the source of truth); its row id is fixed. */
export const DIRECTORY_ID = 'primary';

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

export const createWorkspaceRepo = (store: Store) => {
  const appRows = () =>
    store.q().selectFrom('apps').select(['id', 'settings']).orderBy('position').orderBy('id').execute();
  const deleteDir = () => store.q().deleteFrom('directories').where('id', '=', DIRECTORY_ID).execute();

  const repo = {
    async getDirectory(): Promise<DirectoryConfig | null> {
      const row = await store
        .q()
        .selectFrom('directories')
        .select('settings')
        .where('id', '=', DIRECTORY_ID)
        .executeTakeFirst();
      return row ? stored(directoryConfigSchema, row.settings) : null;
    },
    /** Replaces the directory connection; call inside the caller's store.tx when it goes with other writes. */
    async setDirectory(config: DirectoryConfig | null): Promise<void> {
      const current = await repo.getDirectory();
      if (!config) {
        if (current) await deleteDir();
        return;
      }
      const row = {
        name: config.name,
        settings: JSON.stringify(config),
        secret_refs: JSON.stringify(secretRefsIn(config.auth)),
      };
      // A different IdP (or tenant) is a different source of truth: drop the old snapshot with it.
      const sameSource = current && current.kind === config.kind && sourceKey(current) === sourceKey(config);
      if (sameSource)
        await store.q().updateTable('directories').set(row).where('id', '=', DIRECTORY_ID).execute();
      else {
        if (current) await deleteDir();
        await store
          .q()
          .insertInto('directories')
          .values({ id: DIRECTORY_ID, kind: config.kind, ...row })
          .execute();
      }
    },
    async listApps(): Promise<AppConfig[]> {
      return (await appRows()).map((r) => stored(appConfigSchema, r.settings));
    },
    async getApp(id: string): Promise<AppConfig | null> {
      const row = await store
        .q()
        .selectFrom('apps')
        .select('settings')
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? stored(appConfigSchema, row.settings) : null;
    },
    async setApps(apps: AppConfig[]): Promise<void> {
      const keep = new Set(apps.map((a) => a.id));
      for (const row of await appRows())
        if (!keep.has(row.id)) await store.q().deleteFrom('apps').where('id', '=', row.id).execute();
      for (const [position, app] of apps.entries()) {
        const row = {
          name: app.name,
          kind: app.kind,
          preset: app.kind === 'scim' ? app.preset : null,
          settings: JSON.stringify(app),
          secret_refs: JSON.stringify('auth' in app ? secretRefsIn(app.auth) : []),
          deprovision: JSON.stringify(app.deprovision),
          review: app.review,
          position,
        };
        await store
          .q()
          .insertInto('apps')
          .values({ id: app.id, ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
      }
    },
    async listRules(): Promise<RuleConfig[]> {
      const rows = await store
        .q()
        .selectFrom('rules')
        .select('match')
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map((r) => stored(ruleSchema, r.match));
    },
    async setRules(rules: RuleConfig[]): Promise<void> {
      await store.q().deleteFrom('rules').execute();
      for (const [position, rule] of rules.entries())
        await store
          .q()
          .insertInto('rules')
          .values({
            app_id: rule.app,
            match: JSON.stringify(rule),
            role: rule.role ?? null,
            entitlements: JSON.stringify({ teams: rule.teams ?? [], appGroups: rule.appGroups ?? [] }),
            priority: rule.priority ?? 0,
            position,
          })
          .execute();
    },
    /** Every secret reference the workspace uses, with where it is used. */
    async referencedSecrets(): Promise<{ ref: string; usedBy: string }[]> {
      const out: { ref: string; usedBy: string }[] = [];
      const dir = await repo.getDirectory();
      if (dir) for (const ref of secretRefsIn(dir.auth)) out.push({ ref, usedBy: `directory (${dir.name})` });
      for (const app of await repo.listApps()) {
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
