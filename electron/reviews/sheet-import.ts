// Importing a returned reviewer sheet: parse with csv-parse, check every row (campaign, item, check value,
// decision), and only when every row is valid record the decisions (source "sheet") in one transaction. Blank
// decisions are left open; a decision equal to the one recorded is unchanged, so re-importing records nothing.
import { parse } from 'csv-parse/sync';
import type { ReviewDecisionInput, SheetImportResult, SheetRowError } from '../../shared/api/methods-reviews';
import { REVIEW_DECISIONS } from '../../shared/api/methods-reviews';
import type { CoreContext } from '../app/context';
import { LanyardError } from '../app/errors';
import type { CampaignsRepo } from './campaigns-repo';
import type { Decisions } from './decisions';
import { SHEET_COLUMNS, accountColumns, checkMatches, checkValue } from './sheet-csv';

type Row = Record<(typeof SHEET_COLUMNS)[number], string>;

const parseSheet = (csv: string): { rows: { line: number; row: Row }[]; missing: string[] } => {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
    });
  } catch (err) {
    throw new LanyardError('bad_input', `The sheet is not a readable CSV file: ${(err as Error).message}`);
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = records.length ? SHEET_COLUMNS.filter((c) => !header.includes(c)) : [];
  return { rows: records.map((r) => ({ line: r.info.lines, row: r.record as Row })), missing };
};

export const importSheet = async (
  ctx: CoreContext,
  repo: CampaignsRepo,
  decisions: Decisions,
  csv: string,
  o: { actor: string; dryRun: boolean },
): Promise<SheetImportResult> => {
  const { rows, missing } = parseSheet(csv);
  if (!rows.length) throw new LanyardError('bad_input', 'The sheet has no rows.');
  if (missing.length)
    throw new LanyardError(
      'bad_input',
      `The sheet lacks the column(s) ${missing.map((m) => `"${m}"`).join(', ')}: export a fresh sheet with \`lanyard reviews export\`.`,
    );
  const campaignId = Number(rows[0]!.row.campaign);
  const campaign = Number.isInteger(campaignId) ? await repo.campaign(campaignId) : undefined;
  if (!campaign)
    throw new LanyardError('bad_input', `Row 2: no access review campaign "${rows[0]!.row.campaign}".`);
  const errors: SheetRowError[] = [];
  const byReviewer = new Map<string, ReviewDecisionInput[]>();
  let unchanged = 0;
  for (const { line, row } of rows) {
    const fail = (reason: string, itemId: number | null = null): void =>
      void errors.push({ row: line, itemId, reason });
    const itemId = Number(row.item);
    if (row.campaign !== String(campaignId)) {
      fail(
        `belongs to campaign ${row.campaign || '(none)'}, not campaign ${campaignId} like the rest of the sheet`,
        Number.isInteger(itemId) ? itemId : null,
      );
      continue;
    }
    const item = Number.isInteger(itemId) ? await repo.item(itemId) : undefined;
    if (!item || item.campaign_id !== campaignId) {
      fail(`item "${row.item}" is not in campaign ${campaignId}`);
      continue;
    }
    const account = [
      row.app,
      row.account,
      row.email,
      row.person,
      row['person status'],
      row.role,
      row.groups,
      row['granted by'],
      row['last activity'],
    ];
    const expected = checkValue(
      campaign.sheet_key,
      campaignId,
      itemId,
      row.reviewer ?? '',
      account.map((v) => v ?? ''),
    );
    if (!checkMatches(expected, row.check ?? '')) {
      const changed = account.join('\u0000') !== accountColumns(item).join('\u0000');
      fail(
        changed
          ? 'the account columns were changed (they must stay as exported)'
          : 'the check value does not match this row: it was not exported by Lanyard for this reviewer',
        itemId,
      );
      continue;
    }
    const decision = (row['decision (keep | revoke | change-role | not-mine)'] ?? '').trim().toLowerCase();
    if (!decision) {
      unchanged++;
      continue;
    }
    if (!(REVIEW_DECISIONS as readonly string[]).includes(decision)) {
      fail(
        `unknown decision "${decision}": expected ${REVIEW_DECISIONS.join(', ')} (or blank to leave it open)`,
        itemId,
      );
      continue;
    }
    const role = row['new role (change-role)'] || undefined;
    if (decision === 'change-role' && !role) {
      fail('change-role needs the new role in the "new role (change-role)" column', itemId);
      continue;
    }
    const d: ReviewDecisionInput = {
      itemId,
      decision: decision as ReviewDecisionInput['decision'],
      ...(decision === 'change-role' && role ? { role } : {}),
      ...(decision === 'not-mine' && row['reassign to (not-mine)']
        ? { reassignTo: row['reassign to (not-mine)'] }
        : {}),
      ...(row.comment ? { comment: row.comment.slice(0, 1000) } : {}),
    };
    const list = byReviewer.get(row.reviewer ?? '') ?? [];
    list.push(d);
    byReviewer.set(row.reviewer ?? '', list);
  }
  const result: SheetImportResult = {
    campaignId,
    ok: errors.length === 0,
    rows: rows.length,
    recorded: 0,
    unchanged,
    errors,
  };
  if (errors.length) return result;
  if (campaign.status !== 'open')
    throw new LanyardError(
      'conflict',
      `Campaign ${campaignId} ("${campaign.name}") is closed: its decisions are final.`,
    );
  // A dry run counts what importing would record and leave as it is, from the same comparison the import makes.
  const take = o.dryRun ? decisions.preview : decisions.record;
  const each = async (): Promise<void> => {
    for (const [reviewer, list] of byReviewer) {
      const r = await take(campaignId, list, { actor: o.actor, source: 'sheet', forReviewer: reviewer });
      result.recorded += r.recorded;
      result.unchanged += r.unchanged;
    }
  };
  // One transaction for every reviewer's decisions: a failure records nothing of the sheet.
  if (o.dryRun) await each();
  else await ctx.store.tx(each);
  return result;
};
