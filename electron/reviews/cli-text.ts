// What `lanyard reviews …` prints without --json: campaigns, reviewers' progress, items, import errors and what
// carrying decisions out did. Pure text from the API's values (the CLI escapes control characters on output).
import { exceptionEffect } from '../../shared/domain/exceptions';
import type {
  ReviewApplyResult,
  ReviewCampaignSummary,
  ReviewCampaignView,
  ReviewCloseResult,
  ReviewItemView,
  ReviewsStatus,
  SheetImportResult,
} from '../../shared/api/methods-reviews';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const day = (iso: string): string => iso.slice(0, 10);

export const summaryLine = (c: ReviewCampaignSummary): string => {
  const n = c.counts;
  const state =
    c.status === 'closed'
      ? `closed ${day(c.closedAt ?? '')} by ${c.closedBy ?? '?'}`
      : `open, due ${day(c.dueAt)}${c.overdue ? ' (OVERDUE)' : ''}`;
  return `#${c.id} ${c.name} — ${state}; ${n.decided} of ${plural(n.items, 'item')} decided, ${n.revoke} revoke, ${n.changeRole} role change, ${n.carriedOut} carried out${n.pendingChanges ? `, ${n.pendingChanges} waiting` : ''}`;
};

export const listText = (v: { campaigns: ReviewCampaignSummary[]; status: ReviewsStatus }): string =>
  [
    ...(v.campaigns.length ? v.campaigns.map(summaryLine) : ['No access review campaigns.']),
    ...(v.status.definitionsDue.length
      ? [`Recurring reviews due to start: ${v.status.definitionsDue.join(', ')}`]
      : []),
    ...(v.status.message ? [v.status.message] : []),
  ].join('\n');

export const campaignText = (c: ReviewCampaignView): string => {
  const people = c.scope.people
    ? `; people: ${[
        ...(c.scope.people.groups ? [`groups ${c.scope.people.groups.join(', ')}`] : []),
        ...Object.entries(c.scope.people.attributes ?? {}).map(
          ([k, v]) => `${k} = ${Array.isArray(v) ? v.join(' | ') : v}`,
        ),
      ].join('; ')}`
    : '';
  const width = Math.max(8, ...c.reviewers.map((r) => r.reviewer.length));
  return [
    summaryLine(c),
    `  scope: ${c.scope.apps.join(', ')}${people}`,
    `  snapshot ${c.snapshotAt}; reviewers by ${c.assign.join(', then ')}; fallback ${c.fallback}`,
    ...(c.appliedAt ? [`  decisions last carried out ${c.appliedAt}`] : []),
    ...c.warnings.map((w) => `  warning: ${w}`),
    `  ${'REVIEWER'.padEnd(width)}  ITEMS  DECIDED  OPEN`,
    ...c.reviewers.map(
      (r) =>
        `  ${r.reviewer.padEnd(width)}  ${String(r.items).padStart(5)}  ${String(r.decided).padStart(7)}  ${String(r.open).padStart(4)}`,
    ),
  ].join('\n');
};

const decisionText = (i: ReviewItemView): string => {
  const d = i.decision;
  if (!d) return 'open';
  const what = d.decision === 'change-role' ? `change-role → ${d.role}` : d.decision;
  return `${what} by ${d.decidedBy} (${d.source})${d.comment ? ` “${d.comment}”` : ''}`;
};

export const itemLine = (i: ReviewItemView): string =>
  `  ${String(i.id).padStart(6)}  ${i.appId}  ${i.person ?? `${i.userName} (orphan)`}${i.person && i.userName !== i.person ? ` as ${i.userName}` : ''}${i.role ? ` [${i.role}]` : ''}  ${i.kind === 'account' ? '' : `${i.kind}  `}${i.grantedBy}  → ${i.reviewer}: ${decisionText(i)}${i.outcome !== 'none' ? ` — ${i.outcome}` : ''}`;

export const itemsText = (items: ReviewItemView[], total: number): string =>
  [
    `${plural(total, 'item')}${items.length < total ? ` (first ${items.length} shown; narrow with --reviewer, --app or --state)` : ''}:`,
    ...items.map(itemLine),
  ].join('\n');

export const importText = (r: SheetImportResult, dryRun: boolean): string =>
  r.ok
    ? dryRun
      ? `The sheet is valid: ${plural(r.recorded, 'decision')} would be recorded, ${r.unchanged} unchanged or blank. Nothing was recorded (--dry-run).`
      : `Imported campaign ${r.campaignId}'s sheet: ${plural(r.recorded, 'decision')} recorded, ${r.unchanged} unchanged or blank (${plural(r.rows, 'row')}).`
    : [
        `The sheet was refused: ${plural(r.errors.length, 'row')} in error, so nothing was recorded.`,
        ...r.errors.map(
          (e) => `  row ${e.row}${e.itemId !== null ? ` (item ${e.itemId})` : ''}: ${e.reason}`,
        ),
        'Fix these rows (or export a fresh sheet with `lanyard reviews export`) and import again.',
      ].join('\n');

export const applyText = (r: ReviewApplyResult): string =>
  [
    r.proposed + r.notNeeded === 0
      ? 'Nothing to carry out: no revoke or role change is waiting.'
      : `Proposed ${plural(r.proposed, 'change')} to the gate${r.runId ? ` (run ${r.runId})` : ''}: ${r.done} done, ${r.held} held for review, ${r.failed} failed, ${r.superseded} superseded, ${r.tasks} given to a person as a checklist task; ${r.notNeeded} needed no change.`,
    ...r.tripped.map((t) => `  limit: ${t}`),
    ...r.exceptionsAdded.map(
      (e) =>
        `  exception: ${exceptionEffect(e)} (remove it from \`exceptions:\` to let the rules decide again)`,
    ),
    ...(r.held ? ['Held changes wait in `lanyard review list`; approve them there.'] : []),
  ].join('\n');

export const closeText = (r: ReviewCloseResult): string =>
  [
    `Closed ${summaryLine(r.campaign)}`,
    applyText(r),
    r.ledgerAnchor
      ? `Ledger head at closing: seq ${r.ledgerAnchor.seq}, hash ${r.ledgerAnchor.hash} (check it with \`lanyard audit verify\`).`
      : r.ledgerAnchorNote,
  ].join('\n');

/** What apply or close would propose (a read: nothing is changed). */
export const previewText = (
  c: ReviewCampaignView,
  changes: ReviewItemView[],
  verb: 'apply' | 'close',
): string =>
  [
    summaryLine(c),
    changes.length
      ? `${verb === 'close' ? 'Closing' : 'Applying'} would propose ${plural(changes.length, 'change')} to the gate (guardrails and review policy apply):`
      : `${verb === 'close' ? 'Closing' : 'Applying'} would propose no change (no revoke or role change is waiting).`,
    ...changes.map(itemLine),
    ...(verb === 'close' && c.counts.open
      ? [`${plural(c.counts.open, 'item')} still undecided: they stay open in the report.`]
      : []),
    `Nothing was changed. Run again with --yes to ${verb === 'close' ? 'close the campaign' : 'carry these out now'}.`,
  ].join('\n');
