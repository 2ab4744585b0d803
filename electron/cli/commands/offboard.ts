// `lanyard offboard PERSON [--yes] [--kill-sessions]` (a preview first; with --yes, the offboard itself) and
// `lanyard offboarding list|approve|skip|done|evidence`. An unknown person, an ambiguous match or someone already
// offboarded is bad input (exit 2) and changes nothing; exit 1 when the offboard left failed or flagged tasks.
import fs from 'node:fs';
import path from 'node:path';
import { CliUsageError, printResult, type CliCommand } from '../command';
import type {
  OffboardingCaseView,
  OffboardingList,
  OffboardingPreview,
  OffboardingTaskView,
} from '../../../shared/api/methods-offboarding';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const positiveInt = (p: string, what: string): number => {
  const n = Number(p.replace(/^#/, ''));
  if (!Number.isInteger(n) || n <= 0)
    throw new CliUsageError(`"${p}" is not a ${what} id (see \`lanyard offboarding list\`)`);
  return n;
};

const previewText = (p: OffboardingPreview): string =>
  [
    `Offboarding ${p.displayName ? `${p.displayName} <${p.person}>` : p.person} (${p.status} in the directory) would:`,
    ...p.tasks.map(
      (t, i) =>
        `  ${i + 1}. ${t.title}${t.heldReason ? `  [waits for review: ${t.heldReason.replace(/^held: /, '')}]` : ''}`,
    ),
    ...(p.tasks.length ? [] : ['  (nothing: no accounts, no checklist)']),
    'Nothing was changed. Run again with --yes to offboard now.',
  ].join('\n');

const taskLine = (t: OffboardingTaskView): string =>
  `  #${t.id} [${t.status}] ${t.title}${t.detail && t.status !== 'done' ? `\n      ${t.detail}` : ''}${t.verification ? `\n      verified: ${t.verification}` : ''}`;

export const caseText = (c: OffboardingCaseView): string =>
  [
    `Case ${c.id}: ${c.person} — ${c.status}${c.closedReason ? ` (${c.closedReason})` : ''}; ${c.progress.finished} of ${c.progress.total} tasks finished, ${c.progress.review} waiting for review, ${c.progress.todo} to do by hand, ${c.progress.failed} failed or flagged`,
    ...c.tasks.map(taskLine),
  ].join('\n');

const listText = (l: OffboardingList): string =>
  l.cases.length === 0
    ? 'No offboarding cases.'
    : [`${l.pending} task(s) waiting for an admin.`, ...l.cases.map(caseText)].join('\n');

const troubled = (c: OffboardingCaseView): boolean => c.progress.failed > 0;

export const offboardCommands: CliCommand[] = [
  {
    words: ['offboard'],
    usage: 'lanyard offboard PERSON [--yes] [--kill-sessions]',
    summary: 'Offboard someone now: preview every task; with --yes, revoke everywhere',
    help: [
      '  PERSON           email, login, directory id or name',
      '  --yes            carry it out (without it, only the preview is printed and nothing changes)',
      '  --kill-sessions  also suspend the person in the directory and end their sessions',
      'Exit 2 when the person is unknown, ambiguous or already offboarded (nothing changed);',
      'exit 1 when a task failed.',
    ].join('\n'),
    args: { min: 1, max: 1 },
    options: { yes: { type: 'boolean', short: 'y' }, 'kill-sessions': { type: 'boolean' } },
    async run({ positionals, values, call, io }) {
      const person = positionals[0]!;
      const kill = values['kill-sessions'] === true ? { killSessions: true } : {};
      if (values.yes !== true) {
        const p = await call('offboarding.preview', { person, ...kill });
        printResult(io, p, previewText);
        return 0;
      }
      const c = await call('offboarding.start', { person, confirm: true, ...kill });
      printResult(io, c, caseText);
      return troubled(c) ? 1 : 0;
    },
  },
  {
    words: ['offboarding', 'list'],
    usage: 'lanyard offboarding list [--status open|closed|cancelled|all]',
    summary: 'Offboarding cases with their tasks and progress',
    args: { max: 0 },
    options: { status: { type: 'string' } },
    async run({ values, call, io }) {
      const status = str(values.status) ?? 'all';
      if (!['open', 'closed', 'cancelled', 'all'].includes(status))
        throw new CliUsageError(`--status must be open, closed, cancelled or all`);
      const l = await call('offboarding.list', { status: status as 'all' });
      printResult(io, l, listText);
      return 0;
    },
  },
  {
    words: ['offboarding', 'approve'],
    usage: 'lanyard offboarding approve TASK… | --case CASE',
    summary: 'Approve held offboarding tasks and run them now',
    options: { case: { type: 'string' } },
    async run({ positionals, values, call, io }) {
      const c = str(values.case);
      if (!c && !positionals.length) throw new CliUsageError('name task ids or --case CASE');
      const r = await call(
        'offboarding.approve',
        c ? { caseId: positiveInt(c, 'case') } : { taskIds: positionals.map((p) => positiveInt(p, 'task')) },
      );
      printResult(io, r, (v) => v.map(caseText).join('\n'));
      return r.some(troubled) ? 1 : 0;
    },
  },
  {
    words: ['offboarding', 'skip'],
    usage: 'lanyard offboarding skip TASK… | --case CASE --reason TEXT',
    summary: 'Skip open offboarding tasks, with a reason (audited)',
    options: { case: { type: 'string' }, reason: { type: 'string' } },
    async run({ positionals, values, call, io }) {
      const reason = str(values.reason);
      if (!reason) throw new CliUsageError('--reason is required: say why these tasks are skipped');
      const c = str(values.case);
      if (!c && !positionals.length) throw new CliUsageError('name task ids or --case CASE');
      const r = await call('offboarding.skip', {
        reason,
        ...(c
          ? { caseId: positiveInt(c, 'case') }
          : { taskIds: positionals.map((p) => positiveInt(p, 'task')) }),
      });
      printResult(io, r, (v) => v.map(caseText).join('\n'));
      return 0;
    },
  },
  {
    words: ['offboarding', 'done'],
    usage: 'lanyard offboarding done TASK [--note TEXT]',
    summary: 'Mark a manual or checklist offboarding task done',
    args: { min: 1, max: 1 },
    options: { note: { type: 'string' } },
    async run({ positionals, values, call, io }) {
      const r = await call('offboarding.completeManual', {
        taskId: positiveInt(positionals[0]!, 'task'),
        note: str(values.note) ?? '',
      });
      printResult(io, r, caseText);
      return 0;
    },
  },
  {
    words: ['offboarding', 'evidence'],
    usage: 'lanyard offboarding evidence CASE [--format json|html] [--out FILE]',
    summary: 'The evidence of a case (every app, what was done, by whom, when, verification, audit seqs)',
    args: { min: 1, max: 1 },
    options: { format: { type: 'string' }, out: { type: 'string' } },
    async run({ positionals, values, call, io }) {
      const format = str(values.format) ?? 'json';
      if (format !== 'json' && format !== 'html') throw new CliUsageError('--format must be json or html');
      const e = await call('offboarding.evidence', { caseId: positiveInt(positionals[0]!, 'case'), format });
      const out = str(values.out);
      if (!out) {
        io.stdout.write(e.content.endsWith('\n') ? e.content : e.content + '\n');
        return 0;
      }
      const file = path.resolve(out);
      fs.writeFileSync(file, e.content, { mode: 0o600 });
      printResult(io, { file, format }, `Wrote the evidence of case ${positionals[0]} to ${file}`);
      return 0;
    },
  },
];
