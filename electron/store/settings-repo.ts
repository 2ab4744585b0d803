// Workspace settings (schedule, guardrails, offboarding) as one JSON row per section.
import { defaultSettings, settingsSchema, type Settings } from '../../shared/domain/settings';
import type { Db } from './database';

export const createSettingsRepo = (db: Db) => {
  const readRow = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const writeRow = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    get(): Settings {
      const row = readRow.get('workspace');
      if (!row) return defaultSettings();
      return settingsSchema.parse(JSON.parse(row.value));
    },
    put(settings: Settings): void {
      writeRow.run('workspace', JSON.stringify(settingsSchema.parse(settings)));
    },
  };
};
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
