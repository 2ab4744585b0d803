// Google Workspace connection check: names each missing domain-wide delegation scope and admin-rights problem.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GOOGLE_FAKE_SCOPES, type GoogleFake } from '../../fakes/google/server';
import { seedGoogle } from '../../fakes/google/state';
import { connect, makeKeys, startFake, type Keys } from '../../fakes/google/test-kit';

let keys: Keys;
const fakes: GoogleFake[] = [];
beforeAll(async () => {
  keys = await makeKeys();
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});
const fake = async (opts: Parameters<typeof startFake>[1] = {}) => {
  const f = await startFake(keys, opts);
  seedGoogle(f.state, 3, 1);
  fakes.push(f);
  return f;
};

describe('Google Workspace connection check', () => {
  it('passes when every scope is delegated and the admin can list users and groups', async () => {
    const f = await fake();
    const result = await connect(f, keys).connector.test();
    expect(result).toMatchObject({ ok: true, missing: [] });
    expect(result.details[0]).toContain(
      'lanyard-sync@acme-project.iam.gserviceaccount.com (client ID 109876543210), impersonating admin@acme.example',
    );
    expect(result.details).toContain('Can list groups (customer my_customer).');
  });

  it('names the group scope missing from domain-wide delegation', async () => {
    const f = await fake({
      delegatedScopes: [
        GOOGLE_FAKE_SCOPES.userRead,
        GOOGLE_FAKE_SCOPES.user,
        GOOGLE_FAKE_SCOPES.userSecurity,
      ],
    });
    const result = await connect(f, keys).connector.test();
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual(['admin.directory.group.readonly']);
    expect(result.details.join('\n')).toMatch(
      /Missing admin\.directory\.group\.readonly in domain-wide delegation .*cannot read groups/,
    );
  });

  it('passes with a warning naming the kill-switch scopes when only read access is delegated', async () => {
    const f = await fake({ delegatedScopes: [GOOGLE_FAKE_SCOPES.userRead, GOOGLE_FAKE_SCOPES.groupRead] });
    const result = await connect(f, keys).connector.test();
    expect(result.ok).toBe(true);
    expect(result.details.join('\n')).toMatch(/Warning: Missing admin\.directory\.user in domain-wide/);
    expect(result.missing).toEqual(['admin.directory.user', 'admin.directory.user.security']);
    expect(result.details.join('\n')).toMatch(/cannot suspend users \(kill switch\)/);
  });

  it('reports a 403 on groups.list as a delegation or admin-rights problem, by scope', async () => {
    const f = await fake();
    f.denyAdmin('groups');
    const result = await connect(f, keys).connector.test();
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual(['admin.directory.group.readonly']);
    expect(result.details.join('\n')).toContain(
      'the service account lacks admin.directory.group.readonly in domain-wide delegation, or admin@acme.example is not an admin allowed to list groups',
    );
  });

  it('says when the admin to impersonate does not exist', async () => {
    const f = await fake({ admins: ['someone-else@acme.example'] });
    const result = await connect(f, keys).connector.test();
    expect(result.ok).toBe(false);
    expect(result.details.join('\n')).toMatch(
      /Invalid email or User ID.*Set adminEmail to an existing Workspace admin/s,
    );
  });

  it('reports an unreadable key instead of throwing', async () => {
    const f = await fake();
    const result = await connect(f, keys, { key: 'not json' }).connector.test();
    expect(result).toMatchObject({ ok: false, missing: [] });
    expect(result.details[0]).toMatch(/not valid JSON/);
  });
});
