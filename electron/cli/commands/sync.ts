// `lanyard sync`, `lanyard review …` and `lanyard runs`: the sync engine's commands. Each calls the API method of
// the same name. Exit 1 when anything failed or waits for review (scripts and CI can tell), 0 otherwise.
import { CliUsageError, printResult, type CliCommand } from '../command';
import type {
  ReviewList,
  RunView,
  SyncOpView,
  SyncPlanResult,
  SyncRunResult,
} from '../../../shared/api/methods-sync';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const kinds = (k: Partial<Record<string, number>>): string =>
  Object.entries(k)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ') || 'nothing';

/** What the op does, in the words the UI uses ("Remove from the GitHub org"), else its kind. */
const doing = (o: { kind: string; label?: string }): string => o.label ?? o.kind;

const opLine = (o: SyncOpView): string =>
  `  #${o.id} ${o.target} — ${doing(o)}: ${o.reason}${o.heldReason ? `\n      ${o.heldReason}` : ''}${o.error ? `\n      error: ${o.error}` : ''}`;

const planText = (p: SyncPlanResult): string =>
  [
    `Dry run: ${p.ops.length} operation(s) (${kinds(p.total)}), ${p.held} held for review. Nothing was sent to any app.`,
    ...p.ops.map(
      (o) =>
        `  ${o.status === 'held' ? 'HELD ' : ''}${o.target} — ${doing(o)}: ${o.reason}${o.heldReason ? `\n      ${o.heldReason}` : ''}`,
    ),
    ...p.skippedApps.map((s) => `  skipped ${s.appId}: ${s.reason}`),
    ...p.warnings.map((w) => `  warning: ${w}`),
    ...(p.orphans.length ? [`  ${p.orphans.length} orphan account(s) left alone (see --json)`] : []),
  ].join('\n');

const runText = (r: SyncRunResult): string => {
  const s = r.run.stats;
  const lines = [`Run ${r.run.id} (${r.run.kind}) ${r.run.status}${r.run.error ? `: ${r.run.error}` : ''}`];
  if (s) {
    lines.push(
      `  applied ${s.applied} (${kinds(s.opsByKind)}), failed ${s.failed}, held ${r.held.length}, ${s.durationMs} ms`,
    );
    for (const [appId, a] of Object.entries(s.apps)) {
      const ttr = a.timeToRevoke ? `, time to revoke median ${a.timeToRevoke.medianMs} ms` : '';
      lines.push(
        `  ${appId}: ${a.status}${a.detail ? ` (${a.detail})` : ''} — applied ${a.applied}, failed ${a.failed}, held ${a.held}, ${a.requests} request(s)${ttr}`,
      );
    }
  }
  if (r.failed.length) lines.push('Failed:', ...r.failed.map(opLine));
  if (r.held.length)
    lines.push('Waiting for review (`lanyard review list`):', ...r.held.slice(0, 50).map(opLine));
  return lines.join('\n');
};

const reviewText = (l: ReviewList): string =>
  l.total === 0
    ? 'Nothing is waiting for review.'
    : [
        `${l.total} operation(s) waiting for review:`,
        ...l.apps.flatMap((g) => [`${g.appName} (${g.appId}):`, ...g.ops.map(opLine)]),
        'Approve with `lanyard review approve ID…`, or skip with `lanyard review skip ID… --reason TEXT`.',
      ].join('\n');

const runsText = (runs: RunView[]): string =>
  runs.length === 0
    ? 'No runs yet.'
    : runs
        .map((r) => {
          const s = r.stats;
          const ttr = s
            ? Object.entries(s.apps)
                .filter(([, a]) => a.timeToRevoke)
                .map(([id, a]) => `${id} ${Math.round(a.timeToRevoke!.medianMs / 1000)} s`)
                .join(', ')
            : '';
          return `#${r.id} ${r.startedAt} ${r.title}${
            s ? ` (${s.durationMs} ms)` : ''
          }${ttr ? `; time to revoke: ${ttr}` : ''}`;
        })
        .join('\n');

const ids = (positionals: string[]): number[] =>
  positionals.map((p) => {
    const n = Number(p.replace(/^#/, ''));
    if (!Number.isInteger(n) || n <= 0)
      throw new CliUsageError(`"${p}" is not an op id (see \`lanyard review list\`)`);
    return n;
  });

export const syncCommands: CliCommand[] = [
  {
    words: ['sync'],
    usage: 'lanyard sync [--dry-run] [--app ID] [--full]',
    summary: 'Plan, apply guardrails and apply now (--dry-run: only show the plan)',
    help: [
      '  --dry-run   read the directory and apps and print every op with its reason; nothing is sent to apps',
      '  --app ID    only this app',
      '  --full      read the whole directory instead of the changes since the last read',
      'Exit 1 when an op failed, an app was skipped, or ops wait for review.',
    ].join('\n'),
    args: { max: 0 },
    options: { 'dry-run': { type: 'boolean' }, app: { type: 'string' }, full: { type: 'boolean' } },
    async run({ values, call, io }) {
      const appId = str(values.app);
      if (values['dry-run'] === true) {
        const p = await call('sync.plan', appId ? { appId } : {});
        printResult(io, p, planText);
        return p.held > 0 || p.skippedApps.length > 0 ? 1 : 0;
      }
      const r = await call('sync.run', {
        ...(appId ? { appId } : {}),
        ...(values.full === true ? { full: true } : {}),
      });
      printResult(io, r, runText);
      return r.run.status === 'ok' && r.held.length === 0 ? 0 : 1;
    },
  },
  {
    words: ['review', 'list'],
    usage: 'lanyard review list [--app ID]',
    summary: 'Operations held for review, by app, with reasons',
    args: { max: 0 },
    options: { app: { type: 'string' } },
    async run({ values, call, io }) {
      const appId = str(values.app);
      const l = await call('review.list', appId ? { appId } : {});
      printResult(io, l, reviewText);
      return 0;
    },
  },
  {
    words: ['review', 'approve'],
    usage: 'lanyard review approve ID…',
    summary: 'Approve held operations and apply them now',
    args: { min: 1 },
    async run({ positionals, call, io }) {
      const r = await call('review.approve', { ids: ids(positionals) });
      printResult(io, r, (v) => [`Approved ${v.approved}:`, ...v.ops.map(opLine)].join('\n'));
      return r.ops.every((o) => o.status === 'done') ? 0 : 1;
    },
  },
  {
    words: ['review', 'skip'],
    usage: 'lanyard review skip ID… --reason TEXT',
    summary: 'Skip held operations (not applied; the reason is audited)',
    args: { min: 1 },
    options: { reason: { type: 'string' } },
    async run({ positionals, values, call, io }) {
      const reason = str(values.reason);
      if (!reason) throw new CliUsageError('--reason is required: say why these operations are skipped');
      const r = await call('review.skip', { ids: ids(positionals), reason });
      printResult(io, r, (v) => `Skipped ${v.skipped} operation(s).`);
      return 0;
    },
  },
  {
    words: ['runs'],
    usage: 'lanyard runs [--limit N]',
    summary: 'Run history with stats (ops by kind, failures, duration, time to revoke)',
    args: { max: 0 },
    options: { limit: { type: 'string' } },
    async run({ values, call, io }) {
      const raw = str(values.limit);
      const limit = raw === undefined ? undefined : Number(raw);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
        throw new CliUsageError(`--limit must be a positive whole number (got "${raw}")`);
      const runs = await call('runs.list', limit ? { limit } : {});
      printResult(io, runs, runsText);
      return 0;
    },
  },
];
