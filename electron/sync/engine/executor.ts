// Executes ONE journaled op against its app's connector and says what the app now holds, so the caller can update
// the accounts table in the same transaction that marks the op done. Creates adopt an existing account (SCIM 409 /
// externalId lookup, GitHub member or pending invitation), so re-executing an op interrupted by a crash never makes
// a second account. Group ops resolve the remote ids of accounts created earlier in the same run; manual apps get a
// checklist task instead of a request.
import { LanyardError } from '../../app/errors';
import type { AppConnector, AppAccount, Outcome } from '../../apps/types';
import type { DirectoryConnector } from '../../directory/types';
import type { AccountsRepo } from '../../store/accounts-repo';
import type { GroupMember, OpPayload } from '../types';

/** What executing an op changed, for the accounts table and the op's stored result. */
export interface Execution {
  result: Record<string, unknown>;
  /** Accounts to upsert (with the person they belong to). */
  upserts: { account: AppAccount; personId: string | null }[];
  /** Remote ids to remove from the accounts table. */
  removals: string[];
  /** Group membership changes to mirror in the stored accounts. */
  groupChange?: { groupId: string; add: boolean; memberIds: string[] };
}

export interface ExecuteContext {
  connector: AppConnector;
  accounts: AccountsRepo;
  appId: string;
  personId: string | null;
  /** personId → remote id of accounts created earlier in this run. */
  created: Map<string, string>;
}

const stateOf = <T>(o: Outcome<T>): { state: T | null; task: unknown; adopted: boolean } =>
  o.manual
    ? { state: null, task: o.task, adopted: false }
    : { state: o.state, task: null, adopted: o.adopted === true };

const resolveMembers = async (
  ctx: ExecuteContext,
  members: GroupMember[],
): Promise<{ ids: string[]; missing: string[] }> => {
  const ids: string[] = [];
  const missing: string[] = [];
  for (const m of members) {
    const id =
      m.remoteId ??
      ctx.created.get(m.personId) ??
      (await ctx.accounts.list(ctx.appId)).find((a) => a.personId === m.personId)?.remoteId ??
      null;
    if (id) ids.push(id);
    else missing.push(m.userName);
  }
  return { ids, missing };
};

const accountResult = (
  ctx: ExecuteContext,
  o: Outcome<AppAccount>,
  extra: Record<string, unknown> = {},
): Execution => {
  const { state, task, adopted } = stateOf(o);
  if (!state) return { result: { task, ...extra }, upserts: [], removals: [] };
  return {
    result: { remoteId: state.remoteId, active: state.active, role: state.role, adopted, ...extra },
    upserts: [{ account: state, personId: ctx.personId }],
    removals: [],
  };
};

export const executeOp = async (ctx: ExecuteContext, payload: OpPayload): Promise<Execution> => {
  const c = ctx.connector;
  switch (payload.kind) {
    case 'create': {
      const ex = accountResult(ctx, await c.create(payload.spec));
      const remoteId = ex.upserts[0]?.account.remoteId;
      if (remoteId && ctx.personId) ctx.created.set(ctx.personId, remoteId);
      return ex;
    }
    case 'update':
      return accountResult(ctx, await c.update(payload.remoteId, payload.changes));
    case 'set-role':
      return accountResult(ctx, await c.update(payload.remoteId, { role: payload.role }), {
        previous: payload.previous,
      });
    case 'reactivate':
      return accountResult(ctx, await c.setActive(payload.remoteId, true));
    case 'deactivate':
      return accountResult(ctx, await c.setActive(payload.remoteId, false));
    case 'delete': {
      const o = await c.delete(payload.remoteId);
      if (o.manual) return { result: { task: o.task }, upserts: [], removals: [] };
      return {
        result: { ...o.state },
        upserts: [],
        removals: o.state.effect === 'deleted' ? [payload.remoteId] : [],
      };
    }
    case 'add-to-group':
    case 'remove-from-group': {
      const add = payload.kind === 'add-to-group';
      const { ids, missing } = await resolveMembers(ctx, payload.members);
      if (!ids.length) {
        throw new LanyardError(
          'conflict',
          `No account exists yet for ${missing.join(', ')} in this app, so they cannot be ${add ? 'added to' : 'removed from'} ${payload.groupName}.`,
          {
            hint: 'Their account creation failed or is pending; the next sync plans the group change again.',
          },
        );
      }
      const o = add
        ? await c.addToGroup(payload.groupId, ids)
        : await c.removeFromGroup(payload.groupId, ids);
      if (o.manual) return { result: { task: o.task }, upserts: [], removals: [] };
      return {
        result: { groupId: payload.groupId, changed: o.state.changed, requests: o.state.requests, missing },
        upserts: [],
        removals: [],
        groupChange: { groupId: payload.groupId, add, memberIds: o.state.changed },
      };
    }
    case 'manual-task':
      // No API: the task (already worded by the planner) is the outcome; the admin's confirmation records the account.
      return { result: { task: payload.task }, upserts: [], removals: [] };
    case 'idp-suspend':
    case 'idp-revoke-sessions':
      throw new LanyardError('internal', `A ${payload.kind} op is the directory's, not an app's.`);
  }
};

/** Executes a kill-switch op against the directory connector (the gate's directory lane). */
export const executeIdpOp = async (
  directory: Pick<DirectoryConnector, 'suspend' | 'revokeSessions'>,
  personId: string,
  payload: OpPayload,
): Promise<Execution> => {
  if (payload.kind === 'idp-suspend') await directory.suspend(personId);
  else if (payload.kind === 'idp-revoke-sessions') await directory.revokeSessions(personId);
  else throw new LanyardError('internal', `A ${payload.kind} op is an app's, not the directory's.`);
  return {
    result: { [payload.kind === 'idp-suspend' ? 'suspended' : 'sessionsRevoked']: true },
    upserts: [],
    removals: [],
  };
};
