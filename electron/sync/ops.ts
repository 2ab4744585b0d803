// Building plan ops: which kinds are destructive or count as deprovisions, and the idempotency key — a hash of
// run-independent content only (app, person, kind, target state), so the same situation replanned after a crash
// yields the same key and the journal can recognise the op.
import { hash } from 'node:crypto';
import type { OpPayload, PlanOp } from './types';

const DEPROVISION_ACTIONS = new Set(['deactivated', 'deleted']);

export const isDeprovision = (p: OpPayload): boolean =>
  p.kind === 'deactivate' ||
  p.kind === 'delete' ||
  (p.kind === 'manual-task' && DEPROVISION_ACTIONS.has(p.action));

export const isDestructive = (p: OpPayload): boolean =>
  isDeprovision(p) ||
  p.kind === 'remove-from-group' ||
  (p.kind === 'manual-task' && p.action === 'remove-from-group');

/** 128 bits of SHA-256 over the key parts, base64url (22 chars): collision-safe for a UNIQUE column. */
export const opKey = (parts: readonly unknown[]): string =>
  hash('sha256', JSON.stringify(parts), 'base64url').slice(0, 22);

export interface OpDraft {
  appId: string;
  personId: string | null;
  target: string;
  reason: string;
  payload: OpPayload;
  /** Run-independent content that identifies the op (appId, personId and kind are added). */
  keyParts: readonly unknown[];
}

export const makeOp = (d: OpDraft): PlanOp => ({
  appId: d.appId,
  personId: d.personId,
  kind: d.payload.kind,
  target: d.target,
  reason: d.reason,
  payload: d.payload,
  destructive: isDestructive(d.payload),
  deprovision: isDeprovision(d.payload),
  key: opKey([d.appId, d.personId, d.payload.kind, ...d.keyParts]),
  status: 'planned',
  heldReason: null,
});
