// Desired state: rules × people → for every app, who should have an account, with which role and groups, and
// the rule that decides it. Only `active` people are in scope. Also the account Lanyard wants for a person in an
// app (AccountSpec), which depends on the app's kind (GitHub logins come from a directory attribute).
import { compileRules, groupSetOf, resolveAccess, ruleMatches, type CompiledRule } from './rules';
import type {
  AccessExceptions,
  AccountSpec,
  AppConfig,
  DesiredAccess,
  RuleConfig,
  SyncPerson,
} from './types';

export interface DesiredState {
  /**
   * appId → access by the person's position in `people` (undefined = no access). Arrays, not maps keyed by id:
   * this is the planner's hot path (people × apps). Apps without rules have no entries and are not managed.
   */
  byApp: Map<string, (DesiredAccess | undefined)[]>;
  /** How many people are in scope per app. */
  inScope: Map<string, number>;
  rulesByApp: Map<string, CompiledRule[]>;
}

export const rulesByApp = (
  apps: readonly AppConfig[],
  rules: readonly RuleConfig[],
): Map<string, CompiledRule[]> => {
  const byApp = new Map<string, CompiledRule[]>(apps.map((a) => [a.id, []]));
  for (const r of compileRules(rules)) byApp.get(r.app)?.push(r);
  return byApp;
};

/**
 * The access review's exception for this person in this app: undefined when there is none, null when the review
 * revoked the access, else the role it decided (see AccessExceptions).
 */
export const exceptionOf = (
  exceptions: AccessExceptions | undefined,
  appId: string,
  p: Pick<SyncPerson, 'id' | 'email' | 'login'>,
): string | null | undefined => {
  const refs = exceptions?.get(appId);
  if (!refs?.size) return undefined;
  for (const ref of [p.id, p.login, p.email]) {
    const role = ref ? refs.get(ref.toLowerCase()) : undefined;
    if (role !== undefined) return role;
  }
  return undefined;
};

/** Whether an access review's exception takes this app away from this person. */
export const isExcepted = (
  exceptions: AccessExceptions | undefined,
  appId: string,
  p: Pick<SyncPerson, 'id' | 'email' | 'login'>,
): boolean => exceptionOf(exceptions, appId, p) === null;

export const desiredState = (
  people: readonly SyncPerson[],
  apps: readonly AppConfig[],
  rules: readonly RuleConfig[],
  exceptions?: AccessExceptions,
): DesiredState => {
  const byRules = rulesByApp(apps, rules);
  const byApp = new Map<string, (DesiredAccess | undefined)[]>();
  const inScope = new Map<string, number>();
  const ruled = apps.filter((a) => byRules.get(a.id)!.length > 0);
  const lanes = ruled.map((a) => {
    const lane = new Array<DesiredAccess | undefined>(people.length).fill(undefined);
    byApp.set(a.id, lane);
    return { id: a.id, rules: byRules.get(a.id)!, lane, count: 0 };
  });
  for (const a of apps) if (!byApp.has(a.id)) byApp.set(a.id, []);
  const matched: CompiledRule[] = [];
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    if (p.status !== 'active') continue;
    const groups = groupSetOf(p);
    for (const lane of lanes) {
      const excepted = exceptions ? exceptionOf(exceptions, lane.id, p) : undefined;
      if (excepted === null) continue;
      matched.length = 0;
      for (const r of lane.rules) if (ruleMatches(r, p, groups)) matched.push(r);
      if (matched.length) {
        const access = resolveAccess(p.id, matched);
        lane.lane[i] =
          excepted === undefined ? access : { ...access, role: excepted, roleRule: null, roleByReview: true };
        lane.count++;
      }
    }
  }
  for (const a of apps) inScope.set(a.id, lanes.find((l) => l.id === a.id)?.count ?? 0);
  return { byApp, inScope, rulesByApp: byRules };
};

const stringAttr = (p: SyncPerson, name: string): string | null => {
  const v = p.attributes?.[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};

/** The person's GitHub attribute (a login, or GitHub's numeric user id) in a GitHub app; null elsewhere or unset. */
export const githubAttribute = (p: SyncPerson, app: AppConfig): string | null =>
  app.kind === 'github' ? stringAttr(p, app.usernameAttribute) : null;

/** The account's userName in the app: GitHub login from the configured attribute; SCIM the login; manual email. */
export const userNameFor = (p: SyncPerson, app: AppConfig): string => {
  if (app.kind === 'github') return stringAttr(p, app.usernameAttribute) ?? p.email ?? p.login;
  if (app.kind === 'manual') return p.email ?? p.login;
  return p.login;
};

export const specFor = (p: SyncPerson, app: AppConfig, access: DesiredAccess | null): AccountSpec => ({
  externalId: p.id,
  userName: userNameFor(p, app),
  email: p.email,
  givenName: p.givenName ?? null,
  familyName: p.familyName ?? null,
  displayName: p.displayName ?? null,
  title: p.title ?? null,
  department: p.department ?? null,
  employeeNumber: p.employeeNumber ?? null,
  role: access?.role ?? null,
  active: true,
});
