// Sync words and numbers as admins read them: op kinds, statuses and sources, durations, times and counts by kind
// (pure).
import type {
  OpSource,
  PlannedOpView,
  ReviewApproveResult,
  SyncOpKind,
  SyncOpStatus,
  SyncOpView,
} from '../../../../shared/api/methods-sync';
import type { BadgeTone } from '../../components/status-badge';
import { plural } from '../../components/plural';

export const KIND_ORDER: SyncOpKind[] = [
  'create',
  'reactivate',
  'update',
  'set-role',
  'add-to-group',
  'remove-from-group',
  'deactivate',
  'delete',
  'idp-suspend',
  'idp-revoke-sessions',
  'manual-task',
];

export const KIND_LABEL: Record<SyncOpKind, string> = {
  create: 'Create',
  reactivate: 'Reactivate',
  update: 'Update profile',
  'set-role': 'Change role',
  'add-to-group': 'Add to group',
  'remove-from-group': 'Remove from group',
  deactivate: 'Deactivate',
  delete: 'Delete',
  'manual-task': 'Manual task',
  'idp-suspend': 'Suspend in the identity provider',
  'idp-revoke-sessions': 'End identity provider sessions',
};

export const STATUS_LABEL: Record<SyncOpStatus, string> = {
  planned: 'Planned',
  held: 'Held',
  approved: 'Approved',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  superseded: 'Superseded',
};

export const STATUS_TONE: Record<SyncOpStatus, BadgeTone> = {
  planned: 'neutral',
  held: 'degraded',
  approved: 'neutral',
  running: 'neutral',
  done: 'ok',
  failed: 'error',
  skipped: 'neutral',
  superseded: 'neutral',
};

/** Who proposed an op, as a phrase after "from": "from an offboarding case". */
export const SOURCE_LABEL: Record<OpSource, string> = {
  sync: 'a sync run',
  approval: 'an approval',
  offboarding: 'an offboarding case',
  'explicit-offboard': 'an offboard of one named person',
  rehire: 'a rehire',
  'kill-switch': 'the kill switch',
  'manual-confirm': 'a manual confirmation',
  'access-review': 'an access review',
  'orphan-removal': 'an admin removing an orphan account',
};

/** Counts in words: the one rule of components/plural.ts. */
export { plural };

/**
 * Kinds that always take access away. A role change is destructive only when it demotes, which the kind alone does
 * not say: journaled ops carry the core's own `destructive` flag for that.
 */
export const isDestructive = (kind: SyncOpKind) =>
  kind === 'deactivate' ||
  kind === 'delete' ||
  kind === 'remove-from-group' ||
  kind === 'idp-suspend' ||
  kind === 'idp-revoke-sessions';

/** "superseded: ana@ is back in scope" → "ana@ is back in scope": the why, without the status repeated. */
export const supersededWhy = (error: string | null | undefined): string =>
  (error ?? '').replace(/^superseded\s*[:—-]\s*/i, '').trim() || 'no longer needed';

export const duration = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
};

export const when = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

/** What one op of each kind is called when counted (singular, plural): "1 manual task", "4 manual tasks". */
const COUNT_NOUN: Record<SyncOpKind, [string, string]> = {
  create: ['new account', 'new accounts'],
  reactivate: ['reactivation', 'reactivations'],
  update: ['profile update', 'profile updates'],
  'set-role': ['role change', 'role changes'],
  'add-to-group': ['addition to a group', 'additions to groups'],
  'remove-from-group': ['removal from a group', 'removals from groups'],
  deactivate: ['deactivation', 'deactivations'],
  delete: ['deletion', 'deletions'],
  'idp-suspend': ['suspension in the identity provider', 'suspensions in the identity provider'],
  'idp-revoke-sessions': ['end of identity provider sessions', 'ends of identity provider sessions'],
  'manual-task': ['manual task', 'manual tasks'],
};

/** "3 new accounts, 1 deactivation, 4 manual tasks" in the fixed kind order. */
export const kindCounts = (byKind: Partial<Record<SyncOpKind, number>>): string =>
  KIND_ORDER.filter((k) => byKind[k])
    .map((k) => plural(byKind[k]!, ...COUNT_NOUN[k]))
    .join(', ');

export interface AppOps {
  appId: string;
  kinds: { kind: SyncOpKind; ops: PlannedOpView[] }[];
  count: number;
  held: number;
}

/** Ops grouped by app (plan order), then by kind (fixed order). */
export const groupOps = (ops: PlannedOpView[]): AppOps[] => {
  const apps = new Map<string, Map<SyncOpKind, PlannedOpView[]>>();
  for (const op of ops) {
    let kinds = apps.get(op.appId);
    if (!kinds) apps.set(op.appId, (kinds = new Map()));
    let list = kinds.get(op.kind);
    if (!list) kinds.set(op.kind, (list = []));
    list.push(op);
  }
  return [...apps].map(([appId, kinds]) => {
    const list = KIND_ORDER.filter((k) => kinds.has(k)).map((kind) => ({ kind, ops: kinds.get(kind)! }));
    const all = list.flatMap((k) => k.ops);
    return { appId, kinds: list, count: all.length, held: all.filter((o) => o.status === 'held').length };
  });
};

/** What an approval came to, in the words the review queue shows after "Approve". */
export interface ApprovalOutcome {
  approved: number;
  applied: number;
  failed: number;
  /** Approved ops the gate re-planned and found no longer needed: never executed. */
  superseded: { id: number; target: string; reason: string }[];
  /** New ops replacing approved ones whose target changed: they wait for a fresh approval. */
  replaced: SyncOpView[];
  /** Approved ops the gate held again (a limit, a quarantine), with their held reason. */
  heldAgain: SyncOpView[];
}

/** `requested`: how many ops the admin approved (the core counts only those it went on to execute). */
export const approvalOutcome = (r: ReviewApproveResult, requested: number): ApprovalOutcome => {
  const superseded =
    r.superseded ??
    r.ops
      .filter((o) => o.status === 'superseded')
      .map((o) => ({ id: o.id, target: o.target, reason: supersededWhy(o.error) }));
  const replaced = r.replaced ?? [];
  const replacedIds = new Set(replaced.map((o) => o.id));
  return {
    approved: Math.max(requested, r.approved),
    applied: r.ops.filter((o) => o.status === 'done').length,
    failed: r.ops.filter((o) => o.status === 'failed').length,
    superseded: superseded.map((s) => ({ ...s, reason: supersededWhy(s.reason) })),
    replaced,
    heldAgain: r.ops.filter((o) => o.status === 'held' && !replacedIds.has(o.id)),
  };
};

/** "Approved 4: 2 applied, 1 no longer needed, 1 replaced by a change that needs your approval." */
export const approvalSentence = (o: ApprovalOutcome): string => {
  const parts = [
    o.applied ? `${o.applied} applied` : null,
    o.failed ? `${o.failed} failed — see the run history` : null,
    o.superseded.length ? `${o.superseded.length} not applied, no longer called for` : null,
    o.replaced.length
      ? `${plural(o.replaced.length, 'new change')} ${o.replaced.length === 1 ? 'needs' : 'need'} your approval`
      : null,
    o.heldAgain.length ? `${o.heldAgain.length} held again` : null,
  ].filter((p): p is string => p !== null);
  return `Approved ${o.approved}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
};
