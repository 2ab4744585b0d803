// The plan for one app: desired access vs the app's accounts → create / reactivate / update / set-role / group
// batches / deprovisions, each with its reason. An app without rules is not managed (nothing is planned for it:
// adding an app must never deprovision everyone in it). Orphans are reported and left alone. Protected accounts
// (the app's `protected` list) get no op of any kind, whoever they belong to: the plan lists them instead, with
// what it would otherwise have done; and a person whose protected account is theirs gets no second account.
import { correlate, type PeopleIndex } from './correlate';
import { takeoverOp } from './takeover';
import { specFor, userNameFor, type DesiredState } from './desired';
import { deprovisionOps } from './deprovision';
import { diffAccount } from './diff';
import {
  GroupBatcher,
  groupResolver,
  type GroupResolver,
  type ManagedGroup,
  type MembershipRecord,
} from './group-ops';
import { asManualTask } from './manual-ops';
import { makeOp } from './ops';
import {
  hasProtectedAccounts,
  leftAloneReason,
  notCreatedReason,
  protectedMatcher,
  unlinkedReason,
  unmanagedReason,
  type ProtectedAccount,
} from './protected';
import { describeFailures, describeMatch, formatWhen, statusReason, who } from './reasons';
import { evaluateRule, groupOnlyMask, groupSetOf, type CompiledRule, type RuleFailure } from './rules';
import type {
  AppConfig,
  AppGroup,
  AppPlanSummary,
  DesiredAccess,
  GroupMember,
  Orphan,
  PlanOp,
  SyncAccount,
  SyncPerson,
} from './types';

interface Wanted {
  /** Lowercased group id. */
  id: string;
  /** The rule that grants it. */
  rule: number;
}
const NO_GROUPS: readonly Wanted[] = Object.freeze([]);

export interface PlanContext {
  now: Date;
  timeZone?: string;
  index: PeopleIndex;
  desired: DesiredState;
  appGroups?: Record<string, AppGroup[]>;
  /** Per app, the memberships Lanyard added (its journal), for groups whose members the app does not show. */
  memberships?: Record<string, MembershipRecord>;
  /** Each person's lowercased group names, built on first use and shared by every app's plan. */
  groupSets: WeakMap<SyncPerson, Set<string>>;
}

export interface AppPlan {
  ops: PlanOp[];
  orphans: Orphan[];
  protected: ProtectedAccount[];
  warnings: string[];
  summary: AppPlanSummary;
}

/** Where one person's ops go: the plan (arrays and group batches), or words about a protected account. */
interface Sink {
  op(into: 'creates' | 'changes' | 'deprovisions', op: PlanOp): void;
  group(direction: 'add' | 'remove', group: ManagedGroup, member: GroupMember, rules: number[]): void;
}

export const planApp = (ctx: PlanContext, app: AppConfig, accounts: readonly SyncAccount[]): AppPlan => {
  const rules = ctx.desired.rulesByApp.get(app.id) ?? [];
  const want = ctx.desired.byApp.get(app.id) ?? [];
  const { linked, orphans: unclaimed, conflicts } = correlate(app, accounts, ctx.index);

  // Protected accounts are found once per app (a Set lookup per account), never by scanning the list per person.
  const isProtected = protectedMatcher(app);
  const guarded = new Map<string, SyncAccount>();
  const guarding = hasProtectedAccounts(app);
  if (guarding) for (const a of accounts) if (isProtected(a)) guarded.set(a.remoteId, a);
  const shielded: ProtectedAccount[] = [];
  const shield = (account: SyncAccount, personId: string | null, reason: string): void => {
    shielded.push({
      appId: app.id,
      remoteId: account.remoteId,
      userName: account.userName,
      personId,
      reason,
    });
  };
  const orphans = guarded.size ? unclaimed.filter((o) => !guarded.has(o.remoteId)) : unclaimed;
  const shieldUnclaimed = (): void => {
    if (orphans.length === unclaimed.length) return;
    for (const o of unclaimed) {
      const a = guarded.get(o.remoteId);
      if (a) shield(a, null, unlinkedReason(o.reason));
    }
  };

  const summary: AppPlanSummary = {
    appId: app.id,
    name: app.name,
    inScope: ctx.desired.inScope.get(app.id) ?? 0,
    accounts: accounts.length,
    activeAccounts: accounts.reduce((n, a) => n + (a.active ? 1 : 0), 0),
    orphans: orphans.length,
    ops: {},
  };
  if (!rules.length) {
    const warning = `${app.name} has no access rules: Lanyard leaves its ${accounts.length} accounts alone`;
    if (guarded.size) {
      linked.forEach((a, i) => {
        if (a && guarded.has(a.remoteId)) shield(a, ctx.index.people[i]!.id, unmanagedReason(app.name));
      });
      shieldUnclaimed();
    }
    return { ops: [], orphans, protected: shielded, warnings: [warning], summary };
  }

  const byNumber = new Map(rules.map((r) => [r.number, r]));
  const groupsOf = (p: SyncPerson): Set<string> => {
    let s = ctx.groupSets.get(p);
    if (!s) ctx.groupSets.set(p, (s = groupSetOf(p)));
    return s;
  };
  // Reasons repeat: most people match a rule through the same groups. For group-only rules the words depend only
  // on which of the rule's groups the person is in, so they are cached by (rule, that bitmask).
  const becauseCache = new Map<number, string>();
  const because = (p: SyncPerson, rule: number): string => {
    const r = byNumber.get(rule)!;
    const mask = groupOnlyMask(r, groupsOf(p));
    const cacheKey = mask === null ? -1 : rule * 2 ** 20 + mask;
    const cached = mask === null ? undefined : becauseCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const ev = evaluateRule(r, p, groupsOf(p));
    const text = ev.ok ? describeMatch(ev.match) : r.label;
    if (mask !== null) becauseCache.set(cacheKey, text);
    return text;
  };
  const failures = (p: SyncPerson, of: readonly CompiledRule[]): RuleFailure[] =>
    of.flatMap((r) => {
      const ev = evaluateRule(r, p, groupsOf(p));
      return ev.ok ? [] : [ev.failure];
    });

  const granting = rules.filter((r) => r.grants.length > 0);
  const resolver: GroupResolver | null =
    app.kind === 'manual' || !granting.length
      ? null
      : groupResolver(
          app,
          granting.map((r) => ({ rule: r.number, label: r.label, names: r.grants })),
          ctx.appGroups?.[app.id],
          ctx.memberships?.[app.id],
        );
  const batcher = new GroupBatcher(app, (n) => byNumber.get(n)?.label ?? `rule ${n}`);

  // Each rule's groups resolved once per app, not once per person.
  const wantedByRule = new Map<number, readonly Wanted[]>(
    granting.map((r) => {
      const out: Wanted[] = [];
      for (const g of r.uniqueGrants) {
        const id = resolver?.resolve(g)?.id.toLowerCase();
        if (id !== undefined && !out.some((w) => w.id === id)) out.push({ id, rule: r.number });
      }
      return [r.number, out];
    }),
  );
  const wantedFor = (access: DesiredAccess): readonly Wanted[] => {
    if (access.rules.length === 1) return wantedByRule.get(access.rules[0]!) ?? NO_GROUPS;
    const out: Wanted[] = [];
    for (const n of access.rules) {
      for (const w of wantedByRule.get(n) ?? NO_GROUPS) if (!out.some((x) => x.id === w.id)) out.push(w);
    }
    return out;
  };
  const planGroups = (
    sink: Sink,
    p: SyncPerson,
    access: DesiredAccess,
    account: SyncAccount | null,
    userName: string,
  ): void => {
    if (!resolver || !resolver.managed.size) return;
    const wanted = wantedFor(access);
    const have = account ? resolver.membership(account) : [];
    const remoteId = account?.remoteId ?? null;
    for (const w of wanted) {
      if (have.includes(w.id)) continue;
      sink.group(
        'add',
        resolver.managed.get(w.id)!,
        { personId: p.id, remoteId, userName, reason: because(p, w.rule) },
        [w.rule],
      );
    }
    for (const id of have) {
      if (wanted.some((w) => w.id === id)) continue;
      // Where the app does not show the group's members, only a membership Lanyard added is Lanyard's to remove.
      if (account && !resolver.removable(account, id)) continue;
      const givers = granting.filter((r) => wantedByRule.get(r.number)!.some((w) => w.id === id));
      const reason = describeFailures(failures(p, givers), 'left');
      sink.group(
        'remove',
        resolver.managed.get(id)!,
        { personId: p.id, remoteId, userName, reason },
        givers.map((r) => r.number),
      );
    }
  };

  const deprovisionOne = (p: SyncPerson, account: SyncAccount): PlanOp[] => {
    const why =
      p.status !== 'active'
        ? statusReason(p, ctx.now, ctx.timeZone)
        : describeFailures(failures(p, rules), 'left');
    return deprovisionOps(app, p, account, why, ctx.now);
  };

  /** One person's ops in this app, given their linked account (null: none yet). */
  const planPerson = (
    sink: Sink,
    p: SyncPerson,
    access: DesiredAccess | undefined,
    account: SyncAccount | null,
  ) => {
    if (!access) {
      if (account) for (const op of deprovisionOne(p, account)) sink.op('deprovisions', op);
      return;
    }
    const target = who(p);
    if (!account) {
      const spec = specFor(p, app, access);
      const create = makeOp({
        appId: app.id,
        personId: p.id,
        target,
        reason: `create ${target} in ${app.name}${access.role ? ` as ${access.role}` : ''}: ${because(p, access.rule)}`,
        payload: { kind: 'create', spec },
        keyParts: [spec.userName.toLowerCase(), access.role, p.statusChangedAt],
      });
      // The account it would create carries a protected name: that account is the admins' to make.
      if (guarding && isProtected({ userName: spec.userName, emails: spec.email ? [spec.email] : [] })) {
        const reason = notCreatedReason(create.reason);
        shielded.push({ appId: app.id, remoteId: null, userName: spec.userName, personId: p.id, reason });
        return;
      }
      sink.op('creates', create);
      planGroups(sink, p, access, null, spec.userName);
      return;
    }
    if (!account.active) {
      const since = formatWhen(p.statusChangedAt, ctx.now, ctx.timeZone);
      // An inactive invitation (GitHub: one that expired or failed) is reactivated by sending it again.
      const what = account.pending
        ? `invite ${target} to ${app.name} again (the invitation expired or failed)`
        : `reactivate ${target} in ${app.name}`;
      sink.op(
        'creates',
        makeOp({
          appId: app.id,
          personId: p.id,
          target,
          reason: `${what}: ${because(p, access.rule)}${since ? `, active since ${since}` : ''}`,
          payload: { kind: 'reactivate', remoteId: account.remoteId },
          keyParts: [account.remoteId, account.deactivatedAt ?? null, p.statusChangedAt],
        }),
      );
    }
    // A GitHub invitation cannot be edited until accepted; its role and teams are planned once it is a member.
    if (account.pending) return;
    const diff = diffAccount(p, userNameFor(p, app), account, app);
    if (diff) {
      sink.op(
        'changes',
        makeOp({
          appId: app.id,
          personId: p.id,
          target,
          reason: `update ${target} in ${app.name}: ${diff.words.join(', ')}`,
          payload: { kind: 'update', remoteId: account.remoteId, changes: diff.changes },
          keyParts: [account.remoteId, diff.changes],
        }),
      );
    }
    if (
      access.role !== null &&
      account.role !== access.role &&
      account.role?.toLowerCase() !== access.role.toLowerCase()
    ) {
      sink.op(
        'changes',
        makeOp({
          appId: app.id,
          personId: p.id,
          target,
          reason: `set ${target}'s role in ${app.name} to ${access.role} (was ${account.role ?? 'none'}): ${access.roleByReview ? 'decided in an access review (exception in the workspace)' : because(p, access.roleRule ?? access.rule)}`,
          payload: {
            kind: 'set-role',
            remoteId: account.remoteId,
            role: access.role,
            previous: account.role,
          },
          keyParts: [account.remoteId, access.role, account.role],
        }),
      );
    }
    planGroups(sink, p, access, account, account.userName);
  };

  /** The words of what planPerson would do to a protected account; nothing reaches the plan. */
  const wouldDo = (p: SyncPerson, access: DesiredAccess | undefined, account: SyncAccount): string[] => {
    const words: string[] = [];
    planPerson(
      {
        // Manual apps turn only some ops into tasks (see manual-ops.ts): say only what would have become one.
        op: (_into, op) => {
          if (app.kind !== 'manual' || asManualTask(app, op)) words.push(op.reason);
        },
        group: (direction, group, member) =>
          words.push(
            `${direction} ${member.userName} ${direction === 'add' ? 'to' : 'from'} ${group.name} in ${app.name}: ${member.reason}`,
          ),
      },
      p,
      access,
      account,
    );
    return words;
  };

  const creates: PlanOp[] = [];
  const changes: PlanOp[] = [];
  const deprovisions: PlanOp[] = [];
  const lists = { creates, changes, deprovisions };
  const plan: Sink = {
    op: (into, op) => lists[into].push(op),
    group: (direction, group, member, numbers) =>
      direction === 'add' ? batcher.add(group, member, numbers) : batcher.remove(group, member, numbers),
  };
  const people = ctx.index.people;
  for (let i = 0; i < people.length; i++) {
    const account = linked[i] ?? null;
    if (account && guarded.size && guarded.has(account.remoteId)) {
      shield(account, people[i]!.id, leftAloneReason(wouldDo(people[i]!, want[i], account)));
      continue;
    }
    if (!want[i] && !account) continue;
    const conflict = !account && want[i] ? conflicts.get(i) : undefined;
    if (conflict) {
      if (!guarded.has(conflict.account.remoteId)) creates.push(takeoverOp(ctx, app, people[i]!, conflict));
      continue;
    }
    planPerson(plan, people[i]!, want[i], account);
  }
  shieldUnclaimed();

  let ops = [...creates, ...changes, ...batcher.ops(), ...deprovisions];
  if (app.kind === 'manual') ops = ops.flatMap((op) => asManualTask(app, op) ?? []);
  for (const op of ops) summary.ops[op.kind] = (summary.ops[op.kind] ?? 0) + 1;
  return { ops, orphans, protected: shielded, warnings: resolver?.warnings ?? [], summary };
};
