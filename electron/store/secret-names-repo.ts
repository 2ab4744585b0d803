// Names (never values) of keychain entries Lanyard has written, so the UI can list them as "set / not set".
import type { Store } from './store';

export const createSecretNamesRepo = (store: Store) => ({
  async touch(name: string, at: string): Promise<void> {
    await store
      .q()
      .insertInto('secret_names')
      .values({ name, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('name').doUpdateSet({ updated_at: at }))
      .execute();
  },
  async remove(name: string): Promise<void> {
    await store.q().deleteFrom('secret_names').where('name', '=', name).execute();
  },
  async names(): Promise<string[]> {
    return (await store.q().selectFrom('secret_names').select('name').orderBy('name').execute()).map(
      (r) => r.name,
    );
  },
});
export type SecretNamesRepo = ReturnType<typeof createSecretNamesRepo>;
