// The identity guard: a login reused by a different person never hands them the former person's account. The
// account keeps its owner until an admin approves a takeover that says what it means; a create that meets a 409
// never adopts an account whose externalId names someone else.
import { describe, expect, it } from 'vitest';
import { scimUsers, worldPerTest } from '../sync-engine/kit';

const newWorld = worldPerTest();

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('a login reused by a different person', () => {
  it.each([{ full: true }, { full: false }])(
    'keeps the former person’s account theirs and holds one takeover that says what approving means (%o)',
    async ({ full }) => {
      const { w, t } = await newWorld(12, { github: false });
      await t.call('sync.run', {});
      const ana = w.people[2]!;
      const before = scimUsers(w).find((u) => u.userName === 'user2@example.com')!;
      expect(before.externalId).toBe(ana);

      // Ana leaves (her account is deactivated), is deleted from Okta, and her login goes to someone new.
      w.okta.state.setStatus(ana, 'DEPROVISIONED');
      await t.call('sync.run', {});
      expect(scimUsers(w).find((u) => u.id === before.id)!.active).toBe(false);
      w.okta.state.deleteUser(ana);
      const newcomer = w.okta.state.addUser({
        login: 'user2@example.com',
        email: 'user2@example.com',
        firstName: 'Ana',
        lastName: 'Ruiz',
      });
      w.okta.state.addMember(w.groupIds.get('Everyone')!, newcomer.id);
      const writesBefore = w.scim.requests.filter((r) => WRITES.has(r.method)).length;

      const r = await t.call('sync.run', full ? { full: true } : {});
      const after = scimUsers(w).find((u) => u.id === before.id)!;
      expect(after.externalId).toBe(ana);
      expect(after.active).toBe(false);
      expect(scimUsers(w).filter((u) => u.userName.toLowerCase() === 'user2@example.com')).toHaveLength(1);
      expect(w.scim.requests.filter((x) => WRITES.has(x.method)).length).toBe(writesBefore);

      const held = r.held.filter((o) => o.target === 'user2@example.com');
      expect(held).toHaveLength(1);
      expect(held[0]!.heldReason).toMatch(
        /^held: user2@example\.com in Acme belonged to First2 Last2 \((deprovisioned|deleted) in the directory since [^)]+\); approving gives user2@example\.com that account and its data — or give user2@example\.com a different userName in Acme$/,
      );
      // The next run holds the same one, not a second.
      const again = await t.call('sync.run', full ? { full: true } : {});
      expect(again.held.filter((o) => o.target === 'user2@example.com').map((o) => o.id)).toEqual([
        held[0]!.id,
      ]);

      // Approving it gives the newcomer that account (one ledger event), and the next run reactivates it.
      const approved = await t.call('review.approve', { ids: [held[0]!.id] });
      expect(approved.ops[0]!.status).toBe('done');
      expect(scimUsers(w).find((u) => u.id === before.id)!.externalId).toBe(newcomer.id);
      const events = await t.call('audit.list', { action: 'op.applied', limit: 100 });
      expect(events.events.filter((e) => (e.before as { op?: number }).op === held[0]!.id)).toHaveLength(1);
      await t.call('sync.run', {});
      expect(scimUsers(w).find((u) => u.id === before.id)!.active).toBe(true);
    },
  );

  it('never adopts an account whose externalId names someone else when a create meets a 409', async () => {
    const { w, t } = await newWorld(4, { github: false });
    // The app has user1's login already, owned by someone else; Lanyard's stored accounts do not know it yet.
    w.scim.store.createUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'USER1@example.com',
      externalId: 'someone-else',
      active: false,
    });
    w.scim.set({ failWhen: (method, p) => (method === 'GET' && p === '/Users' ? null : null) });
    const r = await t.call('sync.run', {});
    // The plan saw it (the read is fresh), so it holds a takeover instead of creating.
    expect(r.held.map((o) => o.target)).toEqual(['user1@example.com']);
    const u = scimUsers(w).find((x) => x.userName === 'USER1@example.com')!;
    expect(u.externalId).toBe('someone-else');
    expect(u.active).toBe(false);
  });
});
