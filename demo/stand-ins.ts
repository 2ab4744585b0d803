// The demo's stand-ins for the outside world, all in this process on 127.0.0.1 (port 0): the Okta-compatible
// directory, a SCIM 2.0 app and a GitHub organization. They are the test fakes of test/fakes/, which follow the
// vendors' documented contracts, seeded with the demo company. Tokens are random per run.
import { randomBytes } from 'node:crypto';
import { startOktaFake, type OktaFake } from '../test/fakes/okta/server';
import { startScimFake, type ScimFake } from '../test/fakes/scim/server';
import { startGithubFake, type GithubFake } from '../test/fakes/github/server';
import { DEMO_GROUPS, type DemoPerson } from './people';

export const GITHUB_ORG = 'acme';
/** The org owner whose token Lanyard uses (an IT automation account, as real orgs have). */
export const GITHUB_BOT = 'acme-it-bot';
export const GITHUB_TEAMS = [
  { name: 'Engineering', slug: 'engineering' },
  { name: 'Platform', slug: 'platform' },
];

export interface StandIns {
  okta: OktaFake;
  scim: ScimFake;
  github: GithubFake;
  tokens: { okta: string; scim: string; github: string };
  /** Okta user id by email. */
  oktaIds: Map<string, string>;
  close(): Promise<void>;
}

const token = (prefix: string): string => `${prefix}${randomBytes(24).toString('base64url')}`;

/** Okta org with the people, their groups and managers; no System Log history (they predate the log window). */
const seedOkta = (okta: OktaFake, people: DemoPerson[]): Map<string, string> => {
  const groupIds = new Map(DEMO_GROUPS.map((g) => [g, okta.state.addGroup(g, `${g} (demo)`).id]));
  const ids = new Map<string, string>();
  for (const p of people) {
    // Managers come before their reports in the list, so their ids are known here.
    const managerId = p.managerEmail ? (ids.get(p.managerEmail) ?? null) : null;
    const u = okta.state.addUser({
      login: p.email,
      email: p.email,
      firstName: p.firstName,
      lastName: p.lastName,
      displayName: `${p.firstName} ${p.lastName}`,
      department: p.department,
      title: p.title,
      employeeNumber: p.employeeNumber,
      manager: p.managerEmail,
      managerId,
      githubUsername: p.githubUsername,
    });
    ids.set(p.email, u.id);
    for (const g of p.groups) okta.state.addMember(groupIds.get(g)!, u.id, true);
  }
  okta.state.logs.length = 0;
  return ids;
};

/** GitHub knows every engineer's account (they exist on github.com); the org has only its bot owner so far. */
const seedGithub = (github: GithubFake, people: DemoPerson[]): void => {
  github.state.addMember(GITHUB_BOT, 'admin');
  for (const p of people) {
    if (p.githubUsername)
      github.state.addUser(p.githubUsername, { name: `${p.firstName} ${p.lastName}`, email: p.email });
  }
  for (const t of GITHUB_TEAMS) github.state.addTeam(t.name, t.slug);
};

export const startStandIns = async (people: DemoPerson[]): Promise<StandIns> => {
  const tokens = { okta: token('00demo'), scim: token('scim-demo-'), github: token('ghp_demo') };
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async (): Promise<void> => {
    const results = await Promise.allSettled(started.splice(0).map((s) => s.close()));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  };
  try {
    const okta = await startOktaFake({ apiTokens: [tokens.okta] });
    started.push(okta);
    const scim = await startScimFake({ token: tokens.scim });
    started.push(scim);
    const github = await startGithubFake({
      org: GITHUB_ORG,
      tokens: { [tokens.github]: { login: GITHUB_BOT } },
    });
    started.push(github);
    const oktaIds = seedOkta(okta, people);
    seedGithub(github, people);
    return { okta, scim, github, tokens, oktaIds, close: closeAll };
  } catch (err) {
    await closeAll().catch(() => undefined);
    throw err;
  }
};
