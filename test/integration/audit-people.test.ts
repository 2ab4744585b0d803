// People-first audit: admins know people by name, email or login, the ledger stores directory ids. A person
// filter resolves through the directory snapshot (Okta fake on loopback, real core on SQLite): an email, a login
// or a name finds the person's events; a name several people share finds all of theirs and says who matched;
// the list and the exports carry names beside the ids, the export's earlier columns unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/api/methods-audit';
import { parseCsv } from '../unit/audit/csv-parse';
import type { World } from '../unit/sync-engine/kit';
import { startOffboardingWorld, type OffboardingCore } from './offboarding-kit';

let world: World | null = null;
let tc: OffboardingCore | null = null;
afterEach(async () => {
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
});

/** The offboarding world plus two people called Ana Kim, each offboarded from the UI so both have events. */
const start = async () => {
  const r = await startOffboardingWorld();
  world = r.w;
  tc = r.t;
  const ana1 = r.w.okta.state.addUser({
    login: 'ana.kim@example.com',
    email: 'ana.kim@example.com',
    firstName: 'Ana',
    lastName: 'Kim',
  });
  const ana2 = r.w.okta.state.addUser({
    login: 'akim',
    email: 'ana.kim2@example.com',
    firstName: 'Ana',
    lastName: 'Kim',
  });
  await r.t.call('directory.pull', {});
  await r.t.call('offboarding.start', { person: 'user0@example.com', confirm: true });
  await r.t.call('offboarding.start', { person: 'ana.kim@example.com', confirm: true });
  await r.t.call('offboarding.start', { person: 'akim', confirm: true });
  return { ...r, ana1: ana1.id, ana2: ana2.id, user0: r.w.people[0]! };
};

const persons = (events: AuditEvent[]) => [...new Set(events.map((e) => e.person))].sort();

describe('filtering the audit by person', () => {
  it('finds a person’s events by email, login, name or id — all the same events, with names shown', async () => {
    const { t, user0 } = await start();
    const byId = await t.call('audit.list', { person: user0 });
    expect(byId.events.length).toBeGreaterThan(1);
    expect(persons(byId.events)).toEqual([user0]);
    for (const query of ['user0@example.com', 'USER0@example.com', 'First0 Last0', '  first0   last0 ']) {
      const page = await t.call('audit.list', { person: query });
      expect(
        page.events.map((e) => e.seq),
        query,
      ).toEqual(byId.events.map((e) => e.seq));
      expect(page.personMatches, query).toEqual([
        { id: user0, name: 'First0 Last0', email: 'user0@example.com', login: 'user0@example.com' },
      ]);
    }
    expect(byId.people[user0]).toMatchObject({ name: 'First0 Last0', email: 'user0@example.com' });
  });

  it('matches a login that is not an email', async () => {
    const { t, ana2 } = await start();
    const page = await t.call('audit.list', { person: 'akim' });
    expect(page.events.length).toBeGreaterThan(0);
    expect(persons(page.events)).toEqual([ana2]);
  });

  it('matches every person a shared name belongs to, and lists who matched', async () => {
    const { t, ana1, ana2 } = await start();
    const page = await t.call('audit.list', { person: 'Ana Kim' });
    expect(persons(page.events)).toEqual([ana1, ana2].sort());
    expect(page.personMatches!.map((p) => p.email).sort()).toEqual([
      'ana.kim2@example.com',
      'ana.kim@example.com',
    ]);
    // An email narrows it to the one person.
    const one = await t.call('audit.list', { person: 'ana.kim2@example.com' });
    expect(persons(one.events)).toEqual([ana2]);
  });

  it('finds nothing, and matches no one, for a name nobody has', async () => {
    const { t } = await start();
    const page = await t.call('audit.list', { person: 'Nobody Here' });
    expect(page.events).toEqual([]);
    expect(page.personMatches).toEqual([]);
  });
});

describe('audit exports with names', () => {
  it('appends person_name and person_email after the existing CSV columns, and names in JSON', async () => {
    const { t, user0 } = await start();
    const csv = await t.call('audit.export', { format: 'csv', person: 'First0 Last0' });
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).toEqual([
      'seq',
      'at',
      'actor',
      'action',
      'app',
      'person',
      'run',
      'case',
      'before',
      'after',
      'result',
      'prev_hash',
      'hash',
      'person_name',
      'person_email',
    ]);
    expect(rows.length).toBe(csv.count);
    for (const row of rows) {
      expect(row[5]).toBe(user0); // the id keeps its column
      expect(row.slice(13)).toEqual(['First0 Last0', 'user0@example.com']);
    }

    const json = JSON.parse((await t.call('audit.export', { format: 'json' })).text) as (AuditEvent & {
      personName: string | null;
      personEmail: string | null;
    })[];
    const mine = json.filter((e) => e.person === user0);
    expect(mine.length).toBe(rows.length);
    expect(mine.every((e) => e.personName === 'First0 Last0' && e.personEmail === 'user0@example.com')).toBe(
      true,
    );
    // Events about no one carry nulls, not a name.
    const workspace = json.find((e) => e.person === null);
    if (workspace) expect([workspace.personName, workspace.personEmail]).toEqual([null, null]);
  });
});
