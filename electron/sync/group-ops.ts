// Group membership (GitHub teams, SCIM app groups): the groups an app's rules name are "managed"; a person in scope
// belongs to the union of the groups their matching rules grant and to no other managed group. Groups no rule
// names are the admins' business and never touched. Ops are batched: one add and one remove op per (app, group),
// each with many members.
import { makeOp } from './ops';
import { listAnd, peopleCount, ruleNumbers } from './reasons';
import type { AppConfig, AppGroup, GroupMember, PlanOp, SyncAccount } from './types';

const NONE: readonly string[] = Object.freeze([]);

export interface ManagedGroup {
  id: string;
  name: string;
}

export interface GroupResolver {
  /** Managed groups by lowercased id. */
  managed: Map<string, ManagedGroup>;
  /** A rule's group name → the app's group, or null when the app has no such group. */
  resolve(name: string): ManagedGroup | null;
  /** Lowercased ids of the MANAGED groups the account is in, as the app reports it (deduplicated). */
  membership(account: SyncAccount): readonly string[];
  warnings: string[];
}

export const groupResolver = (
  app: AppConfig,
  ruleGrants: { rule: number; names: string[] }[],
  groups: readonly AppGroup[] | undefined,
): GroupResolver => {
  const byName = new Map<string, ManagedGroup>();
  const memberOf = new Map<string, Set<string>>();
  // GitHub teams are named by slug, which is also their id; SCIM groups by display name when the app listed them.
  const known = app.kind === 'scim' && groups ? groups : null;
  if (known) {
    for (const g of known) {
      const mg = { id: g.remoteId, name: g.displayName };
      byName.set(g.displayName.toLowerCase(), mg);
      if (!byName.has(g.remoteId.toLowerCase())) byName.set(g.remoteId.toLowerCase(), mg);
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
  for (const { rule, names } of ruleGrants) {
    for (const n of names) {
      const g = resolve(n);
      if (g) managed.set(g.id.toLowerCase(), g);
      else
        warnings.push(
          `${app.name} has no group "${n}" (rule ${rule}): create it in ${app.name} or fix the rule`,
        );
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
    return out ?? NONE;
  };
  return { managed, resolve, membership, warnings };
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

  constructor(private readonly app: AppConfig) {}

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
          : `${listAnd(names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names)}, per ${ruleNumbers([...rules])}`;
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
