// Workspace settings (schedule, guardrails, offboarding) as one JSON row per section.
import { defaultSettings, settingsSchema, type Settings } from '../../shared/domain/settings';
import type { Store } from './store';

export const createSettingsRepo = (store: Store) => ({
  async get(): Promise<Settings> {
    const row = await store
      .q()
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'workspace')
      .executeTakeFirst();
    if (!row) return defaultSettings();
    return settingsSchema.parse(JSON.parse(row.value));
  },
  async put(settings: Settings): Promise<void> {
    const value = JSON.stringify(settingsSchema.parse(settings));
    await store
      .q()
      .insertInto('settings')
      .values({ key: 'workspace', value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  },
});
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
