// Verifying the ledger in one streaming pass (constant memory): each row's hash must match its contents, chain to
// the row before it, and carry the next sequence number; at the end the chain must reach the head anchor.
// When something is wrong we look at the neighbours (the two rows before, one row after) to say how:
// edited, inserted, deleted or reordered, and which sequence number is the first bad one.
import type { AuditProblem, AuditVerifyResult } from '../../shared/api/methods-audit';

/** What the chain alone shows (the ledger adds the seal, the triggers and an anchor). */
export type ChainResult = Pick<AuditVerifyResult, 'ok' | 'count' | 'headSeq' | 'headHash' | 'firstBad'>;
import { GENESIS_HASH, rowHash, type AuditRow } from './hash';

export interface HeadAnchor {
  count: number;
  headSeq: number;
  headHash: string;
}

interface Finding {
  seq: number;
  problem: AuditProblem;
  detail: string;
}

const hashesAs = (row: AuditRow, seq: number): boolean => rowHash({ ...row, seq }) === row.hash;

/** Why `c` does not follow `p` (which follows `p2`); `n` is the row after `c`, if any. */
const classify = (
  c: AuditRow,
  selfOk: boolean,
  p: AuditRow | undefined,
  p2: AuditRow | undefined,
  n: AuditRow | undefined,
  anchor: HeadAnchor | null,
): Finding => {
  const expectedSeq = p ? p.seq + 1 : 1;
  if (c.seq < expectedSeq)
    return {
      seq: c.seq,
      problem: 'inserted',
      detail: `event ${c.seq} precedes the first event Lanyard wrote`,
    };
  if (n && c.prev_hash === n.hash)
    return {
      seq: c.seq,
      problem: 'reordered',
      detail: `event ${c.seq} was written after event ${n.seq}'s contents, which are now stored after it`,
    };
  if (p && c.prev_hash !== p.hash && c.prev_hash === (p2?.hash ?? GENESIS_HASH))
    return {
      seq: p.seq,
      problem: 'inserted',
      detail: `event ${p.seq} is not part of the chain: event ${c.seq} was written directly after ${p2 ? `event ${p2.seq}` : 'the start'}`,
    };
  if (!selfOk) {
    if (hashesAs(c, c.seq + 1))
      return {
        seq: c.seq,
        problem: 'deleted',
        detail: `an event before seq ${c.seq} was deleted and the later ones renumbered (this one was written as ${c.seq + 1})`,
      };
    if (c.seq > 1 && hashesAs(c, c.seq - 1))
      return {
        seq: c.seq - 1,
        problem: 'inserted',
        detail: `an event was inserted at seq ${c.seq - 1} and the later ones renumbered (this one was written as ${c.seq - 1})`,
      };
    if (anchor && c.seq > anchor.headSeq)
      return {
        seq: c.seq,
        problem: 'inserted',
        detail: `event ${c.seq} was added after the anchored head (seq ${anchor.headSeq})`,
      };
    return { seq: c.seq, problem: 'edited', detail: `event ${c.seq}'s contents no longer match its hash` };
  }
  if (c.seq !== expectedSeq)
    return {
      seq: expectedSeq,
      problem: 'deleted',
      detail:
        c.seq - expectedSeq === 1
          ? `event ${expectedSeq} is missing`
          : `events ${expectedSeq}–${c.seq - 1} are missing`,
    };
  if (c.prev_hash !== (p?.hash ?? GENESIS_HASH))
    return p
      ? {
          seq: p.seq,
          problem: 'edited',
          detail: `event ${p.seq} was rewritten: event ${c.seq} was chained to a different version of it`,
        }
      : { seq: c.seq, problem: 'edited', detail: `event ${c.seq} does not start the chain` };
  return {
    seq: c.seq,
    problem: 'inserted',
    detail: `event ${c.seq} was added outside Lanyard, after the anchored head (seq ${anchor?.headSeq ?? 0})`,
  };
};

/** Checks the end of the chain against the head anchor. */
const checkAnchor = (
  last: AuditRow | undefined,
  count: number,
  anchor: HeadAnchor | null,
): Finding | null => {
  const lastSeq = last?.seq ?? 0;
  if (!anchor)
    return { seq: lastSeq + 1, problem: 'deleted', detail: 'the head anchor (table audit_head) is missing' };
  if (lastSeq < anchor.headSeq)
    return {
      seq: lastSeq + 1,
      problem: 'deleted',
      detail:
        anchor.headSeq === lastSeq + 1
          ? `the newest event (seq ${anchor.headSeq}) is missing`
          : `the newest events (seq ${lastSeq + 1}–${anchor.headSeq}) are missing`,
    };
  if ((last?.hash ?? GENESIS_HASH) !== anchor.headHash)
    return {
      seq: lastSeq,
      problem: 'edited',
      detail: `the chain was rewritten at or before event ${lastSeq}: it no longer ends in the anchored head hash`,
    };
  if (count !== anchor.count)
    return {
      seq: lastSeq,
      problem: 'edited',
      detail: `the head anchor counts ${anchor.count} events, the ledger has ${count}`,
    };
  return null;
};

/**
 * The verification itself, written once for both drivers below: it yields to ask for the next row (ascending seq)
 * and returns the result. It stops at the first problem after one row of lookahead.
 */
function* chainSteps(anchor: HeadAnchor | null): Generator<void, ChainResult, IteratorResult<AuditRow>> {
  let p: AuditRow | undefined;
  let p2: AuditRow | undefined;
  let count = 0;
  const result = (firstBad?: Finding): ChainResult => ({
    ok: firstBad === undefined,
    count,
    headSeq: p?.seq ?? 0,
    headHash: p?.hash ?? GENESIS_HASH,
    ...(firstBad ? { firstBad } : {}),
  });
  for (let step = yield; !step.done; step = yield) {
    const c = step.value;
    const selfOk = rowHash(c) === c.hash;
    const follows = c.seq === (p ? p.seq + 1 : 1) && c.prev_hash === (p?.hash ?? GENESIS_HASH);
    if (selfOk && follows && (!anchor || c.seq <= anchor.headSeq)) {
      count++;
      p2 = p;
      p = c;
      continue;
    }
    const next = yield;
    return result(classify(c, selfOk, p, p2, next.done ? undefined : next.value, anchor));
  }
  return result(checkAnchor(p, count, anchor) ?? undefined);
}

/** Streams `rows` (ascending seq) once. Stops at the first problem, leaving the iterator closed. */
export const verifyRows = (rows: Iterator<AuditRow>, anchor: HeadAnchor | null): ChainResult => {
  const steps = chainSteps(anchor);
  try {
    for (let s = steps.next(); ;) {
      if (s.done) return s.value;
      s = steps.next(rows.next());
    }
  } finally {
    rows.return?.();
  }
};

/** The same over an asynchronous source (a database cursor read page by page). */
export const verifyRowsAsync = async (
  rows: AsyncIterator<AuditRow>,
  anchor: HeadAnchor | null,
): Promise<ChainResult> => {
  const steps = chainSteps(anchor);
  try {
    for (let s = steps.next(); ;) {
      if (s.done) return s.value;
      s = steps.next(await rows.next());
    }
  } finally {
    await rows.return?.();
  }
};
