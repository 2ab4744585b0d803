// Recording decisions. Every decision is one row in review_decisions and one ledger event, in the same
// transaction; a decision equal to the one already recorded is "unchanged" and records nothing, which is what
// makes re-importing the same sheet a no-op. All inputs are checked before anything is recorded.
import type { CoreContext } from '../app/context';
import { LanyardError } from '../app/errors';
import type { ReviewDecisionInput, ReviewDecisionSource } from '../../shared/api/methods-reviews';
import type { CampaignsRepo, DecisionRow, ItemRow } from './campaigns-repo';
import { personIndex, reviewerAddress, type AssignPerson } from './assign';

export interface DecideOptions {
  actor: string;
  source: ReviewDecisionSource;
  /** The reviewer decided for; default: each item's current reviewer. */
  forReviewer?: string;
}

const lastKey = (itemId: number, reviewer: string): string => `${itemId}\u0000${reviewer.toLowerCase()}`;

const norm = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v === '' ? null : v;

type Last = Pick<DecisionRow, 'decision' | 'role' | 'reassign_to' | 'comment'>;

/** Same decision, role, reassignment and comment as the row. */
const sameAs = (d: ReviewDecisionInput, row: Last | undefined, reassignTo: string | null): boolean =>
  !!row &&
  row.decision === d.decision &&
  norm(row.role) === (d.decision === 'change-role' ? norm(d.role) : null) &&
  norm(row.reassign_to)?.toLowerCase() === reassignTo?.toLowerCase() &&
  norm(row.comment) === norm(d.comment);

export const createDecisions = (ctx: CoreContext, repo: CampaignsRepo) => {
  const people = async (): Promise<AssignPerson[]> =>
    (await ctx.store.q().selectFrom('people').select(['id', 'login', 'email']).orderBy('id').execute()).map(
      (p) => ({
        ...p,
        manager: null,
      }),
    );

  /** Checks every input against the campaign; returns the problems (empty: all can be recorded). */
  const check = async (
    campaignId: number,
    inputs: readonly ReviewDecisionInput[],
  ): Promise<{ index: number; reason: string }[]> => {
    const problems: { index: number; reason: string }[] = [];
    for (const [index, d] of inputs.entries()) {
      const item = await repo.item(d.itemId);
      if (!item || item.campaign_id !== campaignId)
        problems.push({ index, reason: `item ${d.itemId} is not in campaign ${campaignId}` });
      else if (d.decision === 'change-role' && !norm(d.role))
        problems.push({ index, reason: 'change-role needs the new role' });
    }
    return problems;
  };

  /** Each reviewer's last decision per item (decisions come in id order, so the last one wins). */
  const lastDecisions = async (campaignId: number): Promise<Map<string, Last>> => {
    const last = new Map<string, Last>();
    for (const x of await repo.decisions(campaignId)) last.set(lastKey(x.item_id, x.for_reviewer), x);
    return last;
  };

  /**
   * Walks the inputs as `record` would, calling `write` for each one that changes something; the map of last
   * decisions follows along, so the same decision twice in one batch counts once.
   */
  const walk = async (
    campaignId: number,
    inputs: readonly ReviewDecisionInput[],
    o: DecideOptions,
    write: (
      d: ReviewDecisionInput,
      item: ItemRow,
      forReviewer: string,
      reassignTo: string | null,
    ) => Promise<void>,
  ): Promise<{ recorded: number; unchanged: number }> => {
    const c = (await repo.campaign(campaignId))!;
    const find = personIndex(await people());
    const last = await lastDecisions(campaignId);
    let recorded = 0;
    let unchanged = 0;
    for (const d of inputs) {
      const item = (await repo.item(d.itemId)) as ItemRow;
      const reassignTo = d.decision === 'not-mine' ? reviewerAddress(d.reassignTo ?? c.fallback, find) : null;
      const forReviewer = o.forReviewer ?? item.reviewer;
      // Unchanged: the same as this reviewer's last decision on the item (also after a "not mine" moved it on).
      const key = lastKey(item.id, forReviewer);
      if (sameAs(d, last.get(key), reassignTo)) {
        unchanged++;
        continue;
      }
      last.set(key, {
        decision: d.decision,
        role: d.decision === 'change-role' ? (d.role ?? null) : null,
        reassign_to: reassignTo,
        comment: norm(d.comment),
      });
      await write(d, item, forReviewer, reassignTo);
      recorded++;
    }
    return { recorded, unchanged };
  };

  /** What `record` would record and leave unchanged, recording nothing (a sheet's dry run). */
  const preview = (
    campaignId: number,
    inputs: readonly ReviewDecisionInput[],
    o: DecideOptions,
  ): Promise<{ recorded: number; unchanged: number }> => walk(campaignId, inputs, o, () => Promise.resolve());

  const record = async (
    campaignId: number,
    inputs: readonly ReviewDecisionInput[],
    o: DecideOptions,
  ): Promise<{ recorded: number; unchanged: number; itemIds: number[] }> => {
    const c = await repo.campaign(campaignId);
    if (!c) throw new LanyardError('not_found', `No access review campaign ${campaignId}.`);
    if (c.status !== 'open')
      throw new LanyardError(
        'conflict',
        `Campaign ${campaignId} ("${c.name}") is closed: its decisions are final.`,
      );
    const problems = await check(campaignId, inputs);
    if (problems.length)
      throw new LanyardError(
        'bad_input',
        `Nothing was recorded: ${problems.map((p) => p.reason).join('; ')}.`,
      );
    const itemIds: number[] = [];
    let counts = { recorded: 0, unchanged: 0 };
    await ctx.store.tx(async () => {
      counts = await walk(campaignId, inputs, o, async (d, item, forReviewer, reassignTo) => {
        const at = ctx.clock.now().toISOString();
        const event = await ctx.audit.append({
          actor: o.actor,
          action: 'review.decided',
          app: item.app_id,
          person: item.person_id,
          after: {
            campaign: campaignId,
            item: item.id,
            account: item.user_name,
            decision: d.decision,
            ...(d.decision === 'change-role' ? { role: d.role } : {}),
            ...(reassignTo ? { reassignTo } : {}),
            ...(norm(d.comment) ? { comment: d.comment } : {}),
            forReviewer,
            source: o.source,
          },
          result: `ok: ${d.decision}${d.decision === 'change-role' ? ` → ${d.role}` : ''}`,
        });
        const id = await repo.addDecision({
          itemId: item.id,
          campaignId,
          decision: d.decision,
          role: d.decision === 'change-role' ? (d.role ?? null) : null,
          reassignTo,
          comment: norm(d.comment),
          decidedBy: o.actor,
          forReviewer,
          source: o.source,
          decidedAt: at,
          auditSeq: event.seq,
        });
        if (d.decision === 'not-mine') await repo.reassign(item.id, reassignTo!);
        else await repo.setDecision(item.id, id);
        itemIds.push(item.id);
      });
    });
    return { ...counts, itemIds };
  };

  return { check, preview, record };
};

export type Decisions = ReturnType<typeof createDecisions>;
