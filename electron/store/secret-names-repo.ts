// Names (never values) of keychain entries Lanyard has written, so the UI can list them as "set / not set".
import type { Db } from './database';

export const createSecretNamesRepo = (db: Db) => {
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO secret_names (name, created_at, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM secret_names WHERE name = ?');
  const all = db.prepare<[], { name: string }>('SELECT name FROM secret_names ORDER BY name');
  return {
    touch(name: string, at: string): void {
      upsert.run(name, at, at);
    },
    remove(name: string): void {
      remove.run(name);
    },
    names(): string[] {
      return all.all().map((r) => r.name);
    },
  };
};
export type SecretNamesRepo = ReturnType<typeof createSecretNamesRepo>;
