// Engine-independent material for the audit tests: a clock the test moves, varied sample events, and the event an
// attacker forges.
import type { AuditRow } from '../../../electron/audit/hash';
import type { AuditAppend } from '../../../electron/audit/row';
import type { Clock } from '../../../electron/app/clock';

export type SteppingClock = Clock & { set(iso: string): void };

/** Starts at `start` and moves one minute forward on every reading. */
export const steppingClock = (start = '2026-11-01T00:00:00.000Z', stepMs = 60_000): SteppingClock => {
  let t = Date.parse(start);
  return {
    now() {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
    set(iso: string) {
      t = Date.parse(iso);
    },
  };
};

/** A varied event: some with app/person/run/case and before/after, some without. */
export const sampleEvent = (i: number): AuditAppend => ({
  actor: ['scheduler', 'cli', 'ui'][i % 3]!,
  action: ['op.applied', 'op.held', 'op.failed', 'config.applied'][i % 4]!,
  app: i % 5 === 0 ? null : ['slack', 'github'][i % 2]!,
  person: i % 3 === 0 ? null : `person-${i % 4}`,
  run: i % 2 === 0 ? i : null,
  case: i % 7 === 0 ? 100 + i : null,
  before: i % 2 === 0 ? { active: true, role: 'member', n: i } : undefined,
  after: i % 2 === 0 ? { active: false } : undefined,
  result: i % 4 === 2 ? `failed: HTTP 503 on attempt ${i}` : 'ok',
});

/** A well-formed event as an attacker who read Lanyard's source would write it (hash still to be computed). */
export const forged = (seq: number, prev: string): Omit<AuditRow, 'hash'> => ({
  seq,
  at: '2026-11-01T00:04:30.000Z',
  actor: 'ui',
  action: 'op.approved',
  app_id: 'github',
  person_id: 'mallory',
  run_id: null,
  case_id: null,
  before: null,
  after: '{"role":"admin"}',
  result: 'ok',
  prev_hash: prev,
});
