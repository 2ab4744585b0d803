// Group membership (GitHub teams, SCIM app groups): the groups an app's rules name are "managed"; a person in scope
// belongs to the union of the groups their matching rules grant and to no other managed group. Groups no rule
// names are the admins' business and never touched. Ops are batched: one add and one remove op per (app, group),
// each with many members.
//
// Membership KNOWN or UNKNOWN: a SCIM group whose members the app does not show (AppGroup.members null) is never
// read as empty — that would plan the same add on every poll and never revoke anything. For such a group, an
// account is a member when the app says so in User.groups or when Lanyard's own record (done add-to-group ops,
// electron/sync/engine/membership-record.ts) says it added it; Lanyard plans adds only for memberships it has not
// added, and removals only of memberships it added itself.
import { makeOp } from './ops';
import { listAnd, peopleCount, ruleLabels } from './reasons';
import type { AppConfig, AppGroup, GroupMember, PlanOp, SyncAccount } from './types';

const NONE: readonly string[] = Object.freeze([]);

export interface ManagedGroup {
  id: string;
  name: string;
}

/**
 * The memberships Lanyard itself added in one app and has not removed since, from its journal: lowercased group id
 * → the account remote ids it added.
 */
export type MembershipRecord = ReadonlyMap<string, ReadonlySet<string>>;

/** The plan warning (and app health line) for an app whose group membership cannot be read. */
export const membershipUnreadable = (appName: string, groups: readonly string[]): string =>
  `${appName}: membership not readable: removals rely on Lanyard's own record (${listAnd(groups.map((g) => `"${g}"`))})`;

export interface GroupResolver {
  /** Managed groups by lowercased id. */
  managed: Map<string, ManagedGroup>;
  /** A rule's group name → the app's group, or null when the app has no such group. */
  resolve(name: string): ManagedGroup | null;
  /** Lowercased ids of the MANAGED groups the account is in, as the app reports it (deduplicated). */
  membership(account: SyncAccount): readonly string[];
  /**
   * Whether Lanyard may remove the account from this managed group: always where the app shows the group's
   * members; where it does not, only when Lanyard's own record says Lanyard added it.
   */
  removable(account: SyncAccount, id: string): boolean;
  warnings: string[];
}

export const groupResolver = (
  app: AppConfig,
  ruleGrants: { rule: number; label?: string; names: string[] }[],
  groups: readonly AppGroup[] | undefined,
  record?: MembershipRecord,
): GroupResolver => {
  const byName = new Map<string, ManagedGroup>();
  const memberOf = new Map<string, Set<string>>();
  /** Lowercased ids of the app's groups whose members the app does not show. */
  const unknown = new Set<string>();
  // GitHub teams are named by slug, which is also their id; SCIM groups by display name when the app listed them.
  const known = app.kind === 'scim' && groups ? groups : null;
  if (known) {
    for (const g of known) {
      const mg = { id: g.remoteId, name: g.displayName };
      byName.set(g.displayName.toLowerCase(), mg);
      if (!byName.has(g.remoteId.toLowerCase())) byName.set(g.remoteId.toLowerCase(), mg);
      if (g.members === null) unknown.add(g.remoteId.toLowerCase());
      for (const m of g.members ?? []) {
        let set = memberOf.get(m);
        if (!set) memberOf.set(m, (set = new Set()));
        set.add(g.remoteId.toLowerCase());
      }
    }
  }
  const managed = new Map<string, ManagedGroup>();
  const warnings: string[] = [];
  const resolve = (name: string): ManagedGroup | null => {
    if (!known) return { id: name, name };
    return byName.get(name.toLowerCase()) ?? null;
  };
  for (const { rule, label, names } of ruleGrants) {
    for (const n of names) {
      const g = resolve(n);
      if (g) managed.set(g.id.toLowerCase(), g);
      else
        warnings.push(
          `${app.name} has no group "${n}" (${label ?? `rule ${rule}`}): create it in ${app.name} or fix the rule`,
        );
    }
  }
  // Only managed groups matter: an unreadable group no rule names changes nothing.
  const blind = [...managed.keys()].filter((id) => unknown.has(id));
  if (blind.length)
    warnings.push(
      membershipUnreadable(
        app.name,
        blind.map((id) => managed.get(id)!.name),
      ),
    );
  // Lanyard's record, restricted to the unreadable managed groups: remote id → lowercased group ids.
  const added = new Map<string, string[]>();
  for (const id of blind) {
    for (const remoteId of record?.get(id) ?? NONE) {
      let list = added.get(remoteId);
      if (!list) added.set(remoteId, (list = []));
      list.push(id);
    }
  }
  // Called for every in-scope account: allocates only for accounts in a managed group.
  const membership = (a: SyncAccount): readonly string[] => {
    let out: string[] | null = null;
    for (const g of a.groups) {
      const id = g.toLowerCase();
      if (managed.has(id) && !out?.includes(id)) (out ??= []).push(id);
    }
    for (const id of memberOf.get(a.remoteId) ?? NONE)
      if (managed.has(id) && !out?.includes(id)) (out ??= []).push(id);
    if (added.size)
      for (const id of added.get(a.remoteId) ?? NONE) if (!out?.includes(id)) (out ??= []).push(id);
    return out ?? NONE;
  };
  const removable = (a: SyncAccount, id: string): boolean =>
    !unknown.has(id) || (added.get(a.remoteId)?.includes(id) ?? false);
  return { managed, resolve, membership, removable, warnings };
};

interface Batch {
  group: ManagedGroup;
  members: GroupMember[];
  rules: Set<number>;
}

/** Collects member changes, then emits one op per (group, direction). */
export class GroupBatcher {
  private readonly adds = new Map<string, Batch>();
  private readonly removes = new Map<string, Batch>();

  constructor(
    private readonly app: AppConfig,
    /** How reasons call a rule by its number ("rule 'Engineering → GitHub'" or "rule 2"). */
    private readonly labelOf: (rule: number) => string = (n) => `rule ${n}`,
  ) {}

  add(group: ManagedGroup, member: GroupMember, rules: number[]): void {
    this.push(this.adds, group, member, rules);
  }

  remove(group: ManagedGroup, member: GroupMember, rules: number[]): void {
    this.push(this.removes, group, member, rules);
  }

  private push(into: Map<string, Batch>, group: ManagedGroup, member: GroupMember, rules: number[]): void {
    const k = group.id.toLowerCase();
    let b = into.get(k);
    if (!b) into.set(k, (b = { group, members: [], rules: new Set() }));
    b.members.push(member);
    for (const r of rules) b.rules.add(r);
  }

  ops(): PlanOp[] {
    return [...this.batchOps(this.adds, 'add-to-group'), ...this.batchOps(this.removes, 'remove-from-group')];
  }

  private batchOps(batches: Map<string, Batch>, kind: 'add-to-group' | 'remove-from-group'): PlanOp[] {
    const verb = kind === 'add-to-group' ? 'add' : 'remove';
    const prep = kind === 'add-to-group' ? 'to' : 'from';
    return [...batches.values()].map(({ group, members, rules }) => {
      members.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
      const names = members.map((m) => m.userName);
      const why =
        members.length === 1
          ? members[0]!.reason
          : `${listAnd(names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names)}, per ${ruleLabels([...rules], this.labelOf)}`;
      return makeOp({
        appId: this.app.id,
        personId: members.length === 1 ? members[0]!.personId : null,
        target: group.name,
        reason: `${verb} ${peopleCount(names)} ${prep} ${group.name} in ${this.app.name}: ${why}`,
        payload: { kind, groupId: group.id, groupName: group.name, members },
        keyParts: [group.id, members.map((m) => m.personId)],
      });
    });
  }
}
