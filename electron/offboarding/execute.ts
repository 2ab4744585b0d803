// How a case meets the gate. A case never writes to an app or the IdP itself: its tasks name ops (the very ops a
// sync run plans for the same person — same idempotency keys — plus the kill-switch steps), and those ops are
// proposed to the gate (electron/sync/gate/) by the run that carries the case out: a sync run for leavers the
// directory reports, or the explicit offboard of one named person. Here: the kill-switch proposals still due, and
// linking each task to the journal row its op got.
import type { EngineDeps } from '../sync/engine/engine-deps';
import type { PlanOp } from '../sync/types';
import { parseDetail, type CasesRepo } from './cases-repo';
import type { OpLookup } from './case-views';

export interface ExecuteDeps {
  engine: EngineDeps;
  repo: CasesRepo;
  latestOp: OpLookup;
}

/** The kill-switch steps of an open case that have not succeeded yet, as proposals for the gate. */
export const killSwitchProposals = async (d: ExecuteDeps, caseId: number): Promise<PlanOp[]> => {
  const out: PlanOp[] = [];
  for (const t of await d.repo.tasks(caseId)) {
    if (t.kind !== 'idp-suspend' && t.kind !== 'idp-revoke-sessions') continue;
    if (t.status === 'skipped' || t.status === 'done') continue;
    const op = parseDetail(t).op;
    if (!op) continue;
    if ((await d.latestOp(t))?.status === 'done') continue;
    out.push({ ...op, status: 'planned', heldReason: null });
  }
  return out;
};

/** Points each task at the journal row its op has now (the latest with its key), for views and evidence. */
export const linkTaskOps = async (d: ExecuteDeps, caseId: number): Promise<void> => {
  for (const t of await d.repo.tasks(caseId)) {
    if (!t.op_key) continue;
    const latest = await d.latestOp({ op_key: t.op_key, op_id: null });
    if (latest && latest.id !== t.op_id) await d.repo.linkOp(t.id, latest.id);
  }
};
