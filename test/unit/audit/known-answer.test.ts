// Known-answer vectors for the audit ledger's hash scheme.
//
// Every installed Lanyard has a ledger whose rows were hashed with this scheme. If these digests change, every
// existing ledger fails `audit verify` after the upgrade. So a change to the hash scheme, the field order, the
// canonical serialization or what the ledger stores in a field (time format, sanitizing, null handling) is NOT
// fixed by updating these numbers: it needs a migration plan first (a new scheme id, verifying old rows with the
// old scheme up to a recorded switch-over seq, and a note in the release). The digests below were computed once
// from lanyard-audit-v1 and cross-checked with `sha256sum` over the canonical text; never regenerate them from
// the code under test.
import { describe, expect, it } from 'vitest';
import {
  canonicalRow,
  GENESIS_HASH,
  rowHash,
  type AuditRow,
  type UnhashedRow,
} from '../../../electron/audit/hash';
import type { AuditAppend } from '../../../electron/audit/row';
import { ENGINES } from '../../helpers/store-engines';
import { ledgersOn } from './harness';

/** One row with every field set and every field distinct, so swapping any two changes the bytes. */
const SINGLE: UnhashedRow = {
  seq: 42,
  at: '2025-12-31T23:59:59.999Z',
  actor: 'ui',
  action: 'op.approved',
  app_id: 'github',
  person_id: 'p-1',
  run_id: 5,
  case_id: 6,
  before: '{"role":"member"}',
  after: '{"role":"admin"}',
  result: 'approved',
  prev_hash: 'ab'.repeat(32),
};
const SINGLE_CANONICAL =
  '["lanyard-audit-v1",42,"2025-12-31T23:59:59.999Z","ui","op.approved","github","p-1",5,6,' +
  '"{\\"role\\":\\"member\\"}","{\\"role\\":\\"admin\\"}","approved",' +
  '"abababababababababababababababababababababababababababababababab"]';
const SINGLE_HASH = '67c6bab5a92593380afe9db1a31506ac0347aa9cdda02d673b16198ba65febed';

/** A fixed list of events, appended one minute apart from 2026-01-02T03:04:05Z. */
const EVENTS: AuditAppend[] = [
  {
    actor: 'scheduler',
    action: 'op.applied',
    app: 'slack',
    person: 'ada@example.com',
    run: 1,
    result: 'ok',
    before: { active: true, role: 'member' },
    after: { active: false },
  },
  { actor: 'ui', action: 'config.applied', result: 'ok', after: { rules: 3 } },
  {
    actor: 'cli',
    action: 'op.failed',
    app: 'github',
    person: 'grace',
    run: 2,
    case: 7,
    result: 'failed: HTTP 503',
  },
  {
    actor: 'ui',
    action: 'offboarding.step',
    person: 'ünïcödé "quoted", comma',
    case: 7,
    before: { b: 1, a: [1, 'x'] },
    result: 'skipped: manual',
  },
  {
    actor: 'scheduler',
    action: 'op.held',
    app: 'zoom',
    person: 'linus',
    run: 11,
    case: 12,
    before: { role: 'admin' },
    after: { role: 'member' },
    result: 'held',
  },
];

/** The rows those events must produce, byte for byte, as a previous version of Lanyard stored them. */
const ROWS: AuditRow[] = [
  {
    seq: 1,
    at: '2026-01-02T03:04:05.000Z',
    actor: 'scheduler',
    action: 'op.applied',
    app_id: 'slack',
    person_id: 'ada@example.com',
    run_id: 1,
    case_id: null,
    before: '{"active":true,"role":"member"}',
    after: '{"active":false}',
    result: 'ok',
    prev_hash: GENESIS_HASH,
    hash: '57cb81eceaeb3da148c6d265a569bc44b9019aa7551643d3e0b48d9b55c104c3',
  },
  {
    seq: 2,
    at: '2026-01-02T03:05:05.000Z',
    actor: 'ui',
    action: 'config.applied',
    app_id: null,
    person_id: null,
    run_id: null,
    case_id: null,
    before: null,
    after: '{"rules":3}',
    result: 'ok',
    prev_hash: '57cb81eceaeb3da148c6d265a569bc44b9019aa7551643d3e0b48d9b55c104c3',
    hash: '498422997598e159bbe8d952aa8fa674c9481f882901443e33495fe519218c8f',
  },
  {
    seq: 3,
    at: '2026-01-02T03:06:05.000Z',
    actor: 'cli',
    action: 'op.failed',
    app_id: 'github',
    person_id: 'grace',
    run_id: 2,
    case_id: 7,
    before: null,
    after: null,
    result: 'failed: HTTP 503',
    prev_hash: '498422997598e159bbe8d952aa8fa674c9481f882901443e33495fe519218c8f',
    hash: '5af456b513cf912fefa0b53a98791f41ee06438bf7621e4643fb01dfc5337b53',
  },
  {
    seq: 4,
    at: '2026-01-02T03:07:05.000Z',
    actor: 'ui',
    action: 'offboarding.step',
    app_id: null,
    person_id: 'ünïcödé "quoted", comma',
    run_id: null,
    case_id: 7,
    before: '{"a":[1,"x"],"b":1}',
    after: null,
    result: 'skipped: manual',
    prev_hash: '5af456b513cf912fefa0b53a98791f41ee06438bf7621e4643fb01dfc5337b53',
    hash: '4e7f293b62202e30a7d470dfab2a5c976bf4e595c7d58f6660e7e2966831f0bb',
  },
  {
    seq: 5,
    at: '2026-01-02T03:08:05.000Z',
    actor: 'scheduler',
    action: 'op.held',
    app_id: 'zoom',
    person_id: 'linus',
    run_id: 11,
    case_id: 12,
    before: '{"role":"admin"}',
    after: '{"role":"member"}',
    result: 'held',
    prev_hash: '4e7f293b62202e30a7d470dfab2a5c976bf4e595c7d58f6660e7e2966831f0bb',
    hash: '1c6e1dc8a1c49b185e178d0a25228af612a32861f0d2c655e1c0312a840d2641',
  },
];
const HEAD_HASH = '1c6e1dc8a1c49b185e178d0a25228af612a32861f0d2c655e1c0312a840d2641';

const { hash: _omit, ...unhashed } = ROWS[0]!;
void _omit;

describe('audit ledger known-answer vectors (lanyard-audit-v1; a change needs a migration plan)', () => {
  it('serializes a row canonically and hashes it to the recorded digest', () => {
    expect(canonicalRow(SINGLE)).toBe(SINGLE_CANONICAL);
    expect(rowHash(SINGLE)).toBe(SINGLE_HASH);
    expect(rowHash(unhashed)).toBe(ROWS[0]!.hash);
  });
});

describe.each(ENGINES)('the ledger on %s writes and reads the known-answer rows', (engine) => {
  const open = ledgersOn(engine);

  it('writes exactly the recorded rows, hashes and chain head for a fixed list of events', async () => {
    const f = await open();
    f.clock.set('2026-01-02T03:04:05.000Z');
    const returned = [];
    for (const e of EVENTS) returned.push(await f.ledger.append(e));
    expect(await f.rows()).toEqual(ROWS);
    expect(returned.map((e) => e.hash)).toEqual(ROWS.map((r) => r.hash));
    expect(await f.ledger.head()).toEqual({ count: 5, headSeq: 5, headHash: HEAD_HASH });
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: 5, headSeq: 5, headHash: HEAD_HASH });
  });

  it('verifies a ledger written by an earlier install (the recorded rows, inserted as they are)', async () => {
    const f = await open();
    // Through the store as it is, triggers in place: each row follows the head, which moves on by one.
    for (const r of ROWS) {
      await f.store.q().insertInto('audit_events').values(r).execute();
      await f.store
        .q()
        .updateTable('audit_head')
        .set((eb) => ({ count: eb('count', '+', 1), head_seq: r.seq, head_hash: r.hash }))
        .where('id', '=', 1)
        .execute();
    }
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: 5, headSeq: 5, headHash: HEAD_HASH });
    // …and appending to it continues the same chain.
    f.clock.set('2026-01-02T03:09:05.000Z');
    expect((await f.ledger.append({ actor: 'cli', action: 'config.applied', result: 'ok' })).prevHash).toBe(
      HEAD_HASH,
    );
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: 6 });
  });
});
