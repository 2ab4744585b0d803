// Offboarding's verify re-reads each revoked account by its id: on a server whose listing is partial (it ignores
// startIndex), the account past the first page is proven inactive by id — never "verified" from being absent
// from a list, and a listing that cannot be trusted is never the evidence.
import { describe, expect, it } from 'vitest';
import { scimUsers, worldPerTest } from '../sync-engine/kit';

const newWorld = worldPerTest();

describe('verifying an offboarding on a server whose listing is partial', () => {
  it('proves the revocation by reading the account by id, and says what it read', async () => {
    const { w, t } = await newWorld(30, { github: false });
    await t.call('sync.run', {});
    // From now on the app's listing is partial: pages of 7, and startIndex ignored.
    w.scim.set({ ignoreStartIndex: true, silentPageCap: 7 });
    const view = await t.call('offboarding.start', { person: 'user25@example.com', confirm: true });
    const acme = view.tasks.find((x) => x.appId === 'acme')!;
    expect(scimUsers(w).find((u) => u.userName === 'user25@example.com')!.active).toBe(false);
    expect(acme.status).toBe('verified');
    expect(acme.verification).toBe('inactive: the app shows the account deactivated');
    // The evidence came from GET /Users/{id}, not from a listing.
    const id = scimUsers(w).find((u) => u.userName === 'user25@example.com')!.id;
    expect(w.scim.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/Users/${id}`))).toBe(true);
  });

  it('says "not found" for an account the app no longer has, by id', async () => {
    const { t } = await newWorld(6, { github: false });
    await t.core.context.repos.workspace.setApps(
      (await t.core.context.repos.workspace.listApps()).map((a) =>
        a.id === 'acme' ? { ...a, deprovision: 'delete' as const } : a,
      ),
    );
    await t.call('sync.run', {});
    const view = await t.call('offboarding.start', { person: 'user2@example.com', confirm: true });
    const acme = view.tasks.find((x) => x.appId === 'acme')!;
    expect(acme.status).toBe('verified');
    expect(acme.verification).toBe('not found: the app answers "not found" for the account id (it is gone)');
  });
});
