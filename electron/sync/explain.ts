// The "why" explainer (sync.explain): for each app, whether a person should have access and which rule or
// condition decides it — "in Everyone (rule 1)", "not active (suspended since 14:02)", "no rule matches: needs
// group Engineering (rule 2)", "department is Sales, rule 3 needs Engineering". Same rule code as the planner.
import { LanyardError } from '../app/errors';
import { correlate, indexPeople, linkedAccount } from './correlate';
import { exceptionOf, rulesByApp } from './desired';
import { describeFailures, describeMatch, notActiveWhy, who } from './reasons';
import {
  evaluateRule,
  groupSetOf,
  resolveAccess,
  type CompiledRule,
  type RuleFailure,
  type RuleMatch,
} from './rules';
import type { PlanInput, SyncPerson } from './types';

export interface AppExplanation {
  appId: string;
  appName: string;
  access: boolean;
  /** The deciding rule number, when access is granted. */
  rule?: number;
  /** How to call that rule: "rule 'Engineering → GitHub'" or "rule 2". */
  ruleLabel?: string;
  role?: string | null;
  teams?: string[];
  appGroups?: string[];
  why: string;
  /** The person's account in the app, when accounts were given: null = none. */
  account?: { remoteId: string; userName: string; active: boolean } | null;
}

export interface Explanation {
  personId: string;
  who: string;
  status: SyncPerson['status'];
  apps: AppExplanation[];
}

export type ExplainInput = Pick<PlanInput, 'people' | 'apps' | 'rules' | 'now' | 'timeZone'> &
  Partial<Pick<PlanInput, 'accounts' | 'exceptions'>>;

const findPerson = (people: readonly SyncPerson[], ref: string): SyncPerson => {
  const lower = ref.toLowerCase();
  const p =
    people.find((x) => x.id === ref) ??
    people.find((x) => x.login.toLowerCase() === lower || x.email?.toLowerCase() === lower);
  if (!p) {
    throw new LanyardError('not_found', `No one in the directory has the id, login or email "${ref}"`, {
      hint: 'Pull the directory again (lanyard directory pull) if the person is new.',
    });
  }
  return p;
};

/** "; role admin (rule 'Leads' comes first in the list)" — or "has the highest priority" where a legacy priority decided. */
const roleWhy = (role: string | null, roleRule: number | null, matched: readonly CompiledRule[]): string => {
  if (role === null) return '';
  const offering = matched.filter((r) => r.role !== null);
  if (new Set(offering.map((r) => r.role)).size <= 1) return `; role ${role}`;
  const winner = offering.find((r) => r.number === roleRule)!;
  const byPriority = offering.some((r) => r.priority !== winner.priority);
  return `; role ${role} (${winner.label} ${byPriority ? 'has the highest priority' : 'comes first in the list'})`;
};

/** Explains one person (by id, login or email) across every app. */
export const explain = (input: ExplainInput, personRef: string): Explanation => {
  const person = findPerson(input.people, personRef);
  const byApp = rulesByApp(input.apps, input.rules);
  const groups = groupSetOf(person);
  const index = input.accounts ? indexPeople(input.people) : null;

  const apps = input.apps.map((app): AppExplanation => {
    const rules = byApp.get(app.id) ?? [];
    const out: AppExplanation = { appId: app.id, appName: app.name, access: false, why: '' };
    let invited = false;
    if (input.accounts && index) {
      const a = linkedAccount(correlate(app, input.accounts[app.id] ?? [], index), index, person.id);
      out.account = a ? { remoteId: a.remoteId, userName: a.userName, active: a.active } : null;
      invited = !!a?.pending;
    }
    if (!rules.length)
      return { ...out, why: `no access rule for ${app.name}: Lanyard leaves its accounts alone` };
    if (person.status !== 'active') return { ...out, why: notActiveWhy(person, input.now, input.timeZone) };

    const matched: CompiledRule[] = [];
    const matches = new Map<number, RuleMatch>();
    const failures: RuleFailure[] = [];
    for (const r of rules) {
      const ev = evaluateRule(r, person, groups);
      if (ev.ok) {
        matched.push(r);
        matches.set(r.number, ev.match);
      } else failures.push(ev.failure);
    }
    if (!matched.length) return { ...out, why: `no rule matches: ${describeFailures(failures, 'needs')}` };

    const excepted = exceptionOf(input.exceptions, app.id, person);
    if (excepted === null) {
      const match = describeMatch(matches.get(resolveAccess(person.id, matched).rule)!);
      return { ...out, why: `${match}, but an access review revoked it (exception in the workspace)` };
    }
    const ruled = resolveAccess(person.id, matched);
    const access =
      excepted === undefined
        ? ruled
        : { ...ruled, role: excepted, roleRule: null, roleByReview: true as const };
    const grants = access.groups.length ? [...access.groups] : undefined;
    return {
      ...out,
      access: true,
      rule: access.rule,
      ruleLabel: matched.find((r) => r.number === access.rule)!.label,
      role: access.role,
      ...(grants && app.kind === 'github' ? { teams: grants } : {}),
      ...(grants && app.kind !== 'github' ? { appGroups: grants } : {}),
      // The planner leaves an invitation's teams and role alone (GitHub cannot change them before acceptance).
      why: `${describeMatch(matches.get(access.rule)!)}${access.roleByReview ? `; role ${access.role} (decided in an access review: exception in the workspace)` : roleWhy(access.role, access.roleRule, matched)}${invited && (grants || access.role !== null) ? '; teams and role wait until the invitation is accepted' : ''}`,
    };
  });
  return { personId: person.id, who: who(person), status: person.status, apps };
};
