// `lanyard reviews start|list|show|export|import|decide|apply|close|report`: access review campaigns from the
// command line, each over the reviews.* API method of the same meaning. Reads (list, show, export, report, and
// apply/close without --yes) change nothing. Exit 1 when a sheet is refused or a change was held or failed; 2 for
// bad usage or input (nothing recorded).
import type { ReviewItemView } from '../../../shared/api/methods-reviews';
import { LanyardError } from '../../app/errors';
import { applyText, campaignText, closeText, itemsText, listText, previewText } from '../../reviews/cli-text';
import { CliUsageError, printResult, type CliCommand, type CliRunArgs } from '../command';
import { idOf, many, pairs, str } from './reviews-args';
import { reviewSheetCommands } from './reviews-sheets';

const changesWaiting = (items: ReviewItemView[]): ReviewItemView[] =>
  items.filter(
    (i) =>
      (i.decision?.decision === 'revoke' || i.decision?.decision === 'change-role') &&
      ['pending', 'failed', 'superseded', 'skipped'].includes(i.outcome),
  );

const allItems = async (call: CliRunArgs['call'], campaignId: number): Promise<ReviewItemView[]> =>
  (await call('reviews.items', { campaignId, limit: 5000 })).items;

const start: CliCommand = {
  words: ['reviews', 'start'],
  usage:
    'lanyard reviews start --name NAME --due DATE --fallback EMAIL [--app ID]… [--group G]… [--attribute K=V]… [--assign named,owner,manager] [--reviewer APP=EMAIL]…',
  summary:
    'Start an access review: snapshot every in-scope account, orphan and departed person; assign reviewers',
  help: [
    '  --name NAME           e.g. "Q1 2027 access review"',
    '  --due DATE            due date (2027-03-31 means the end of that day, UTC)',
    '  --fallback EMAIL      reviews every item nobody else can (no owner, no manager, or their own access)',
    '  --app ID              an app in scope (repeat; default: every app in the workspace)',
    '  --group G             only people in any of these directory groups (repeat; orphans are always in scope)',
    '  --attribute K=V       only people whose profile attribute K is V (repeat; all must hold)',
    '  --assign LIST         reviewer sources in order (default named,owner,manager): a named reviewer of the app,',
    "                        the app's `owner` in the workspace, the person's manager in the directory",
    '  --reviewer APP=EMAIL  the named reviewer of an app (repeat)',
  ].join('\n'),
  args: { max: 0 },
  options: {
    name: { type: 'string' },
    due: { type: 'string' },
    fallback: { type: 'string' },
    app: { type: 'string', multiple: true },
    group: { type: 'string', multiple: true },
    attribute: { type: 'string', multiple: true },
    assign: { type: 'string' },
    reviewer: { type: 'string', multiple: true },
  },
  async run({ values, call, io }) {
    const name = str(values.name);
    const dueAt = str(values.due);
    const fallback = str(values.fallback);
    if (!name || !dueAt || !fallback) throw new CliUsageError('--name, --due and --fallback are required');
    const groups = many(values.group);
    const attributes = pairs(many(values.attribute), '--attribute');
    const assign = str(values.assign)
      ?.split(',')
      .map((s) => s.trim());
    const c = await call('reviews.start', {
      name,
      dueAt,
      fallback,
      ...(many(values.app).length ? { apps: many(values.app) } : {}),
      ...(groups.length || Object.keys(attributes).length
        ? {
            people: {
              ...(groups.length ? { groups } : {}),
              ...(Object.keys(attributes).length ? { attributes } : {}),
            },
          }
        : {}),
      ...(assign ? { assign: assign as ('named' | 'owner' | 'manager')[] } : {}),
      ...(many(values.reviewer).length ? { reviewers: pairs(many(values.reviewer), '--reviewer') } : {}),
    });
    printResult(
      io,
      c,
      (v) =>
        `Started access review ${v.id}.\n${campaignText(v)}\nSend each reviewer their sheet: lanyard reviews export ${v.id} --reviewer EMAIL --out FILE`,
    );
    return 0;
  },
};

const list: CliCommand = {
  words: ['reviews', 'list'],
  usage: 'lanyard reviews list [--status open|closed|all]',
  summary: 'Access review campaigns with their progress, and what is due or overdue',
  args: { max: 0 },
  options: { status: { type: 'string' } },
  async run({ values, call, io }) {
    const status = str(values.status) ?? 'all';
    if (!['open', 'closed', 'all'].includes(status))
      throw new CliUsageError('--status must be open, closed or all');
    const v = await call('reviews.list', { status: status as 'open' | 'closed' | 'all' });
    printResult(io, v, listText);
    return 0;
  },
};

const show: CliCommand = {
  words: ['reviews', 'show'],
  usage:
    'lanyard reviews show ID [--items] [--reviewer R] [--app A] [--state open|decided|keep|revoke|change-role] [--search Q]',
  summary: 'One campaign: scope, reviewers and their progress; --items lists its items and decisions',
  help: [
    '  --items      also list the items (at most 5000; the filters below imply it)',
    "  --reviewer R only this reviewer's items",
    '  --app A      only this app',
    '  --state S    open (undecided), decided, or one decision',
    '  --search Q   person, account, email, app, role or rule containing Q',
  ].join('\n'),
  args: { min: 1, max: 1 },
  options: {
    items: { type: 'boolean' },
    reviewer: { type: 'string' },
    app: { type: 'string' },
    state: { type: 'string' },
    search: { type: 'string' },
  },
  async run({ positionals, values, call, io }) {
    const campaignId = idOf(positionals[0]!);
    const c = await call('reviews.get', { campaignId });
    const filter = {
      ...(str(values.reviewer) ? { reviewer: str(values.reviewer)! } : {}),
      ...(str(values.app) ? { appId: str(values.app)! } : {}),
      ...(str(values.state) ? { state: str(values.state) as 'open' } : {}),
      ...(str(values.search) ? { search: str(values.search)! } : {}),
    };
    if (values.items !== true && !Object.keys(filter).length) {
      printResult(io, c, campaignText);
      return 0;
    }
    const page = await call('reviews.items', { campaignId, ...filter, limit: 5000 });
    printResult(
      io,
      { campaign: c, ...page },
      (v) => `${campaignText(v.campaign)}\n${itemsText(v.items, v.total)}`,
    );
    return 0;
  },
};

const DECISIONS = ['keep', 'revoke', 'change-role', 'not-mine'] as const;

const decide: CliCommand = {
  words: ['reviews', 'decide'],
  usage:
    'lanyard reviews decide ID ITEM… --decision keep|revoke|change-role|not-mine [--role ROLE] [--reassign-to EMAIL] [--comment TEXT] [--for REVIEWER]',
  summary: 'Record a decision on items (each is a ledger event); revokes are carried out by apply or close',
  help: [
    '  ITEM…             item ids (see `lanyard reviews show ID --items`)',
    '  --decision D      keep, revoke, change-role (with --role) or not-mine (passes the item on)',
    '  --role ROLE       the new role, for change-role',
    '  --reassign-to R   for not-mine: who should decide instead (default: the fallback reviewer)',
    '  --comment TEXT    why (kept with the decision and in the report)',
    "  --for REVIEWER    the reviewer decided for (default: each item's reviewer)",
  ].join('\n'),
  args: { min: 2 },
  options: {
    decision: { type: 'string' },
    role: { type: 'string' },
    'reassign-to': { type: 'string' },
    comment: { type: 'string' },
    for: { type: 'string' },
  },
  async run({ positionals, values, call, io }) {
    const campaignId = idOf(positionals[0]!);
    const decision = str(values.decision) as (typeof DECISIONS)[number] | undefined;
    if (!decision || !DECISIONS.includes(decision))
      throw new CliUsageError(`--decision must be one of ${DECISIONS.join(', ')}`);
    if (decision === 'change-role' && !str(values.role))
      throw new CliUsageError('change-role needs --role ROLE');
    const extra = {
      ...(decision === 'change-role' ? { role: str(values.role)! } : {}),
      ...(decision === 'not-mine' && str(values['reassign-to'])
        ? { reassignTo: str(values['reassign-to'])! }
        : {}),
      ...(str(values.comment) ? { comment: str(values.comment)! } : {}),
    };
    const r = await call('reviews.decide', {
      campaignId,
      decisions: positionals.slice(1).map((p) => ({ itemId: idOf(p, 'item'), decision, ...extra })),
      ...(str(values.for) ? { forReviewer: str(values.for)! } : {}),
    });
    printResult(io, r, (v) =>
      [
        `Recorded ${v.recorded}, unchanged ${v.unchanged}.`,
        ...itemsText(v.items, v.items.length).split('\n').slice(1),
      ].join('\n'),
    );
    return 0;
  },
};

const carryOutCommand = (verb: 'apply' | 'close'): CliCommand => ({
  words: ['reviews', verb],
  usage: `lanyard reviews ${verb} ID [--yes]`,
  summary:
    verb === 'apply'
      ? 'Carry out the revokes and role changes decided so far through the gate (preview without --yes)'
      : "Close a campaign: carry out its decisions through the gate and record the ledger's head (preview without --yes)",
  help: [
    '  --yes  carry it out (without it, only the preview is printed and nothing changes)',
    'Revokes and role changes are proposals to the gate like any sync: protected accounts are refused, the',
    'guardrails hold what exceeds the limits (approve with `lanyard review approve`), the manual apps get checklist',
    'tasks. Revoking access a rule grants records an exception so the next sync does not grant it back.',
    ...(verb === 'close'
      ? ['A closed campaign takes no more decisions; its report states the ledger head.']
      : []),
    'Exit 1 when a change was held or failed.',
  ].join('\n'),
  args: { min: 1, max: 1 },
  options: { yes: { type: 'boolean', short: 'y' } },
  async run({ positionals, values, call, io }) {
    const campaignId = idOf(positionals[0]!);
    if (values.yes !== true) {
      const c = await call('reviews.get', { campaignId });
      if (c.status === 'closed') throw new LanyardError('conflict', `Campaign ${campaignId} is closed.`);
      const changes = changesWaiting(await allItems(call, campaignId));
      printResult(io, { campaign: c, changes }, (v) => previewText(v.campaign, v.changes, verb));
      return 0;
    }
    if (verb === 'apply') {
      const r = await call('reviews.apply', { campaignId, confirm: true });
      printResult(io, r, applyText);
      return r.held || r.failed ? 1 : 0;
    }
    const r = await call('reviews.close', { campaignId, confirm: true });
    printResult(io, r, closeText);
    return r.held || r.failed ? 1 : 0;
  },
});

export const reviewsCommands: CliCommand[] = [
  start,
  list,
  show,
  ...reviewSheetCommands.slice(0, 2),
  decide,
  carryOutCommand('apply'),
  carryOutCommand('close'),
  ...reviewSheetCommands.slice(2),
];
