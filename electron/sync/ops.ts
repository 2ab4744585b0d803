// Building plan ops: which kinds are destructive or count as deprovisions, and the idempotency key — a hash of
// run-independent content only (app, person, kind, target state), so the same situation replanned after a crash
// yields the same key and the journal can recognise the op.
import { hash } from 'node:crypto';
import { isDemotion } from './roles';
import type { OpPayload, PlanOp } from './types';

const DEPROVISION_ACTIONS = new Set(['deactivated', 'deleted']);

export const isDeprovision = (p: OpPayload): boolean =>
  p.kind === 'deactivate' ||
  p.kind === 'delete' ||
  (p.kind === 'manual-task' && DEPROVISION_ACTIONS.has(p.action));

/**
 * Removes access: deactivate, delete, removal from a group or team, a role demotion (GitHub admin → member), and
 * the IdP kill switch (suspend, session revoke). These are what review policy and the bulk guardrails count.
 */
export const isDestructive = (p: OpPayload): boolean =>
  isDeprovision(p) ||
  p.kind === 'remove-from-group' ||
  p.kind === 'idp-suspend' ||
  p.kind === 'idp-revoke-sessions' ||
  (p.kind === 'set-role' && isDemotion(p.previous, p.role)) ||
  (p.kind === 'manual-task' && p.action === 'remove-from-group');

/** How much a destructive op counts against the bulk limits: a group removal counts each member it removes. */
export const destructiveWeight = (p: OpPayload): number => {
  if (!isDestructive(p)) return 0;
  if (p.kind === 'remove-from-group') return Math.max(1, p.members.length);
  return 1;
};

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

/** The app accounts an op names by remote id (its account, or the members of a group change). */
export const accountIdsOf = (p: OpPayload): string[] => {
  const ids = 'remoteId' in p && p.remoteId ? [p.remoteId] : [];
  if (p.kind === 'add-to-group' || p.kind === 'remove-from-group')
    for (const m of p.members) if (m.remoteId) ids.push(m.remoteId);
  return ids;
};
