// Who gets a case after a pull, who counts as rehired, and who "PERSON" means.
import { describe, expect, it } from 'vitest';
import { detectLeavers, isRehired } from '../../../electron/offboarding/detect-leavers';
import { findPerson } from '../../../electron/offboarding/find-person';
import type { DirectoryPerson } from '../../../electron/directory/types';

const p = (id: string, over: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id,
  login: `${id}@acme.io`,
  email: `${id}@acme.io`,
  givenName: null,
  familyName: null,
  displayName: null,
  department: null,
  title: null,
  manager: null,
  employeeNumber: null,
  status: 'active',
  vendorStatus: 'ACTIVE',
  statusChangedAt: null,
  attributes: {},
  ...over,
});

describe('detecting leavers', () => {
  it('opens a case for a suspended, deprovisioned or deleted person with an active account, once', () => {
    const people = [
      p('ana', { status: 'suspended' }),
      p('bo', { status: 'deprovisioned' }),
      p('cy', { status: 'deleted' }),
      p('di'),
      p('ed', { status: 'suspended' }),
    ];
    const r = detectLeavers(
      people,
      [{ id: 1, personId: 'bo', trigger: 'directory', openedAt: '2026-11-28T10:00:00Z' }],
      (id) => id !== 'ed',
    );
    expect(r.open.map((x) => x.id)).toEqual(['ana', 'cy']);
    expect(r.rehired).toEqual([]);
  });

  it('sees a rehire: active again (directory case), or a status change after a manual offboard opened', () => {
    expect(isRehired(p('a'), { trigger: 'directory', openedAt: '2026-11-28T10:00:00Z' })).toBe(true);
    expect(
      isRehired(p('a', { statusChangedAt: '2026-11-01T00:00:00Z' }), {
        trigger: 'manual',
        openedAt: '2026-11-28T10:00:00Z',
      }),
    ).toBe(false);
    expect(
      isRehired(p('a', { statusChangedAt: '2026-11-28T11:00:00Z' }), {
        trigger: 'manual',
        openedAt: '2026-11-28T10:00:00Z',
      }),
    ).toBe(true);
    expect(
      isRehired(p('a', { status: 'suspended' }), { trigger: 'directory', openedAt: '2026-11-28T10:00:00Z' }),
    ).toBe(false);
  });
});

describe('finding PERSON', () => {
  const people = [
    p('ana', { displayName: 'Ana Lima' }),
    p('anabel', { displayName: 'Anabel Ruiz' }),
    p('bo', { displayName: 'Bo Chen' }),
  ];
  it('matches an email, login or id exactly before any name', () => {
    expect(findPerson(people, 'ANA@acme.io').id).toBe('ana');
    expect(findPerson(people, 'bo').id).toBe('bo');
    expect(findPerson(people, 'Bo Chen').id).toBe('bo');
  });
  it('refuses an unknown person (not_found) and an ambiguous one (bad_input, naming the candidates)', () => {
    expect(() => findPerson(people, 'zed')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => findPerson(people, 'Ana')).toThrow(
      expect.objectContaining({ code: 'bad_input', message: expect.stringMatching(/matches 2 people/) }),
    );
  });
});
