// The renderer's people-first helpers: the manager the IdP gives as an id or email is shown by name; the audit's
// person suggestions come from the directory and propose an address naming one person; the action picker's plain
// names round-trip through the URL.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { managerLabel } from '../../../renderer/src/pages/people/people-format';
import { suggestPeople } from '../../../renderer/src/pages/audit/person-suggestions';
import {
  ACTION_GROUPS,
  choiceLabel,
  choiceValue,
  parseChoice,
} from '../../../renderer/src/pages/audit/audit-filter';
import type { PeopleListPerson } from '../../../shared/api/methods-people';

const person = (
  id: string,
  displayName: string | null,
  email: string | null,
  login: string,
): PeopleListPerson => ({
  id,
  login,
  email,
  displayName,
  status: 'active',
  statusChangedAt: null,
  department: null,
  title: null,
  groups: [],
  accounts: [],
});

const PEOPLE = [
  person('00u1', 'Ana Kim', 'ana.kim@acme.test', 'ana.kim@acme.test'),
  person('00u2', 'Ana Kim', 'akim@contractors.test', 'akim@contractors.test'),
  person('00u3', null, null, 'svc-backup'),
];

describe('the manager in the person panel', () => {
  it('names the manager the IdP gives by directory id, by email or by login', () => {
    expect(managerLabel('00u1', PEOPLE)).toBe('Ana Kim (ana.kim@acme.test)');
    expect(managerLabel('AKIM@contractors.test', PEOPLE)).toBe('Ana Kim (akim@contractors.test)');
    expect(managerLabel('svc-backup', PEOPLE)).toBe('svc-backup');
  });
  it('shows what the IdP gave when nobody in the directory matches, and nothing when there is none', () => {
    expect(managerLabel('00uGONE', PEOPLE)).toBe('00uGONE');
    expect(managerLabel(null, PEOPLE)).toBeNull();
  });
});

describe('person suggestions in the audit filter', () => {
  it('suggests each matching person by the address that names them alone', () => {
    expect(suggestPeople(PEOPLE, 'ana')).toEqual([
      { value: 'ana.kim@acme.test', label: 'Ana Kim — ana.kim@acme.test' },
      { value: 'akim@contractors.test', label: 'Ana Kim — akim@contractors.test' },
    ]);
    expect(suggestPeople(PEOPLE, 'BACKUP')).toEqual([{ value: 'svc-backup', label: 'svc-backup' }]);
  });
  it('waits for two characters before suggesting anyone', () => {
    expect(suggestPeople(PEOPLE, 'a')).toEqual([]);
  });
});

describe('the action picker', () => {
  it('round-trips every choice through its value, and names it back', () => {
    for (const c of ACTION_GROUPS.flatMap((g) => g.choices)) {
      const parsed = parseChoice(choiceValue(c.action, c.kind));
      expect(parsed).toEqual({ action: c.action, ...(c.kind ? { kind: c.kind } : {}) });
      expect(choiceLabel(parsed.action, parsed.kind)).toBe(c.label);
    }
    expect(choiceLabel('op.applied', 'deactivate')).toBe('Account deactivated');
    expect(choiceLabel('custom.thing', undefined)).toBeNull();
    expect(parseChoice('')).toEqual({});
  });
  it('has no two choices with the same label or the same filter', () => {
    const all = ACTION_GROUPS.flatMap((g) => g.choices);
    expect(new Set(all.map((c) => c.label)).size).toBe(all.length);
    expect(new Set(all.map((c) => choiceValue(c.action, c.kind))).size).toBe(all.length);
  });
  it("offers every action the core records (each `action: '…'` under electron/)", () => {
    const recorded = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts'))
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/action: '([a-z]+\.[\w.]+)'/g))
            recorded.add(m[1]!);
      }
    };
    walk(path.resolve(import.meta.dirname, '../../../electron'));
    expect(recorded.size).toBeGreaterThan(15);
    const offered = new Set(ACTION_GROUPS.flatMap((g) => g.choices.map((c) => c.action)));
    expect([...recorded].filter((a) => !offered.has(a))).toEqual([]);
  });
});
