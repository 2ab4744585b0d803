// How the demo talks to the core: through dispatch() like every front door (input validated by the contract),
// as the actor "demo". Also the demo company's "history" after the first sync (people accept their GitHub
// invitations, the front desk confirms the badges it already issued) and waiting for a sync in flight to end.
import type { Lanyard } from '../electron/app/create-lanyard';
import { dispatch } from '../electron/app/dispatch';
import type { MethodInput, MethodName, MethodOutput } from '../shared/api/contract';
import type { DemoPerson } from './people';
import type { StandIns } from './stand-ins';

export const callCore = async <K extends MethodName>(
  core: Lanyard,
  method: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> => {
  const r = await dispatch(core.handlers, method, input, { actor: 'demo' }, core.context.log);
  if (r.ok) return r.value as MethodOutput<K>;
  throw new Error(`${method} failed: ${r.error.message}${r.error.hint ? ` (${r.error.hint})` : ''}`);
};

/** Resolves once no sync run is in progress, or after `timeoutMs` (then the caller closes anyway). */
export const waitForIdle = async (core: Lanyard, timeoutMs: number): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const s = await callCore(core, 'sync.status', {});
    if (!s.running) return;
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * People left waiting on purpose, so the UI has something pending to show. No GitHub invitation stays pending:
 * the engine re-sends the team membership of a pending invitee on every run, which would fill the run history.
 */
const PENDING_GITHUB_INVITES = 0;
const PENDING_BADGES = 3;

/**
 * Makes the company look lived-in: the engineers accept their GitHub invitations, and the front
 * desk confirms the badges it had already issued to all but the newest office people. Then one more sync reads
 * the apps back, so the UI opens on a settled state.
 */
export const settleFirstSync = async (core: Lanyard, s: StandIns, people: DemoPerson[]): Promise<void> => {
  const invitations = [...s.github.state.invitations.values()];
  for (const inv of invitations.slice(0, Math.max(0, invitations.length - PENDING_GITHUB_INVITES)))
    s.github.state.accept(inv.id);

  const office = people.filter((p) => p.office);
  for (const p of office.slice(0, Math.max(0, office.length - PENDING_BADGES))) {
    const personId = s.oktaIds.get(p.email);
    if (personId) await callCore(core, 'apps.confirmManual', { appId: 'badge', personId, action: 'created' });
  }
  await callCore(core, 'sync.run', {});
};
