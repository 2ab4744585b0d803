// The snapshot a campaign reviews, taken once at start: every active account of every app in scope — a linked
// person's account ("account"), an account of a person who left ("departed": suspended, deprovisioned …) and an
// account no person is linked to ("orphan") — with role, groups, the rule that grants it (or "no rule: adopted" /
// "no rule: manual"), the last activity where the app exposes it, and its reviewer. Inactive accounts already
// grant nothing and are not reviewed. Reads only.
import type { CoreContext } from '../app/context';
import type { ReviewItemKind, ReviewerBasis } from '../../shared/api/methods-reviews';
import type { ReviewPeopleFilter, ReviewerSource } from '../../shared/config/reviews-schema';
import type { AppConfig, RuleConfig } from '../../shared/config/workspace';
import { createAccountsRepo } from '../store/accounts-repo';
import { createDirectorySnapshotRepo } from '../store/directory-snapshot-repo';
import { loadPeople } from '../sync/engine/plan-input';
import { desiredState } from '../sync/desired';
import type { SyncPerson } from '../sync/types';
import { assignReviewer, personIndex, type AssignPerson } from './assign';
import { ruleLabel } from '../../shared/config/rule-label';

export interface ItemDraft {
  kind: ReviewItemKind;
  appId: string;
  appName: string;
  appKind: AppConfig['kind'];
  personId: string | null;
  person: string | null;
  displayName: string | null;
  personStatus: string | null;
  remoteId: string;
  userName: string;
  email: string | null;
  active: boolean;
  role: string | null;
  groups: string[];
  grantedBy: string;
  ruleIndex: number | null;
  lastActivity: string | null;
  reviewer: string;
  reviewerBasis: ReviewerBasis;
}

export interface SnapshotPlan {
  apps: AppConfig[];
  people: ReviewPeopleFilter | null;
  assign: readonly ReviewerSource[];
  reviewers: Readonly<Record<string, string>>;
  fallback: string;
}

const ACTIVITY_KEYS = ['lastActivity', 'lastLogin', 'lastSignIn', 'lastLoginAt', 'lastSignInDateTime'];

const describeRule = (r: RuleConfig, n: number): string => {
  const parts: string[] = [];
  if (r.groups) parts.push(`groups ${r.groups.join(', ')}`);
  if (r.allGroups) parts.push(`all of ${r.allGroups.join(', ')}`);
  if (r.attributes)
    parts.push(
      Object.entries(r.attributes)
        .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(' | ') : v}`)
        .join(', '),
    );
  return `${ruleLabel(n, r.name)}: ${parts.join('; ')}${r.role ? ` → ${r.role}` : ''}`;
};

const matchesFilter = (p: SyncPerson, f: ReviewPeopleFilter | null): boolean => {
  if (!f) return true;
  if (f.groups) {
    const mine = new Set(p.groups.map((g) => g.toLowerCase()));
    if (!f.groups.some((g) => mine.has(g.toLowerCase()))) return false;
  }
  for (const [k, want] of Object.entries(f.attributes ?? {})) {
    const raw = (p as unknown as Record<string, unknown>)[k] ?? p.attributes?.[k];
    const have = Array.isArray(raw)
      ? raw.map(String)
      : raw === null || raw === undefined
        ? []
        : [String(raw)];
    const wanted = (Array.isArray(want) ? want : [want]).map((w) => w.toLowerCase());
    if (!have.some((h) => wanted.includes(h.toLowerCase()))) return false;
  }
  return true;
};

export const takeSnapshot = async (
  ctx: CoreContext,
  plan: SnapshotPlan,
): Promise<{ items: ItemDraft[]; warnings: string[] }> => {
  const people = await loadPeople(createDirectorySnapshotRepo(ctx.store));
  const rules = await ctx.repos.workspace.listRules();
  const desired = desiredState(people, plan.apps, rules);
  const position = new Map(people.map((p, i) => [p.id, i]));
  const byId = new Map(people.map((p) => [p.id, p]));
  const find = personIndex(people as unknown as AssignPerson[]);
  const owners = new Map(plan.apps.map((a) => [a.id, a.owner]));
  const accounts = createAccountsRepo(ctx.store);
  const lastActivity = async (appId: string, remoteId: string): Promise<string | null> => {
    const row = await ctx.store
      .q()
      .selectFrom('accounts')
      .select('attributes')
      .where('app_id', '=', appId)
      .where('remote_id', '=', remoteId)
      .executeTakeFirst();
    if (!row) return null;
    const attrs = JSON.parse(row.attributes) as Record<string, unknown>;
    for (const k of ACTIVITY_KEYS) if (typeof attrs[k] === 'string' && attrs[k]) return attrs[k];
    return null;
  };
  const items: ItemDraft[] = [];
  const warnings: string[] = [];
  for (const app of plan.apps) {
    const list = await accounts.list(app.id);
    if (!list.length)
      warnings.push(
        `${app.name}: no accounts read yet, so its accounts are unknown (not absent) in this campaign`,
      );
    const lane = desired.byApp.get(app.id) ?? [];
    const ruled = (desired.rulesByApp.get(app.id) ?? []).length > 0;
    for (const a of list) {
      if (!a.active) continue;
      const p = a.personId ? byId.get(a.personId) : undefined;
      if (p && !matchesFilter(p, plan.people)) continue;
      const kind: ReviewItemKind = !p ? 'orphan' : p.status === 'active' ? 'account' : 'departed';
      const access = p ? lane[position.get(p.id)!] : undefined;
      const grantedBy = access
        ? describeRule(rules[access.rule - 1]!, access.rule)
        : kind === 'orphan'
          ? 'no rule: orphan (no directory person)'
          : kind === 'departed'
            ? `no rule: ${p!.status} in the directory`
            : app.kind === 'manual' || !ruled
              ? `no rule: ${app.kind === 'manual' ? 'manual' : 'adopted'}`
              : 'no rule: adopted';
      const person: AssignPerson | null = p
        ? {
            id: p.id,
            login: p.login,
            email: p.email,
            manager: (p as { manager?: string | null }).manager ?? null,
          }
        : null;
      const { reviewer, basis } = assignReviewer(
        { assign: plan.assign, reviewers: plan.reviewers, fallback: plan.fallback, owners },
        { appId: app.id, person, accountNames: [a.userName, ...a.emails] },
        find,
      );
      items.push({
        kind,
        appId: app.id,
        appName: app.name,
        appKind: app.kind,
        personId: p?.id ?? null,
        person: p ? (p.email ?? p.login) : null,
        displayName: p?.displayName ?? null,
        personStatus: p?.status ?? null,
        remoteId: a.remoteId,
        userName: a.userName,
        email: a.emails[0] ?? null,
        active: a.active,
        role: a.role,
        groups: a.groups,
        grantedBy,
        ruleIndex: access ? access.rule - 1 : null,
        lastActivity: await lastActivity(app.id, a.remoteId),
        reviewer,
        reviewerBasis: basis,
      });
    }
  }
  return { items, warnings };
};
