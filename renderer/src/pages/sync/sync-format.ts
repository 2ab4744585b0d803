// Sync words and numbers as admins read them: op kinds, durations, times and counts by kind (pure).
import type { PlannedOpView, SyncOpKind } from '../../../../shared/api/methods-sync';

export const KIND_ORDER: SyncOpKind[] = [
  'create',
  'reactivate',
  'update',
  'set-role',
  'add-to-group',
  'remove-from-group',
  'deactivate',
  'delete',
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
};

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const isDestructive = (kind: SyncOpKind) =>
  kind === 'deactivate' || kind === 'delete' || kind === 'remove-from-group';

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

/** "3 create, 1 deactivate" in the fixed kind order. */
export const kindCounts = (byKind: Partial<Record<SyncOpKind, number>>): string =>
  KIND_ORDER.filter((k) => byKind[k])
    .map((k) => `${byKind[k]} ${KIND_LABEL[k].toLowerCase()}`)
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
