// GitHub org connector against the loopback fake: a full read of a 5,000-member org (members, owners, invitations,
// teams and their members) compared with the paging minimum, and team changes (one request per member, as GitHub
// has no batch endpoint).
import { startSeededFake, githubConnector } from '../test/fakes/github/test-kit';

export default async function bench(): Promise<string[]> {
  const out: string[] = [];
  const f = await startSeededFake();
  try {
    const MEMBERS = 5_000;
    const TEAMS = 20;
    const INVITES = 150;
    for (let i = 1; i < MEMBERS; i++) f.state.addMember(`dev-${i}`, i % 50 === 0 ? 'admin' : 'member');
    const inviter = f.state.user('octo-admin')!.id;
    for (let i = 0; i < INVITES; i++)
      f.state.invite({
        userId: null,
        email: `hire${i}@example.com`,
        role: 'direct_member',
        inviterId: inviter,
      });
    const teamSizes: number[] = [];
    for (let t = 0; t < TEAMS; t++) {
      const team = f.state.addTeam(`Team ${t}`);
      const size = 50 + t * 40;
      for (let i = 1; i <= size; i++) team.members.set(`dev-${((i * 7 + t) % (MEMBERS - 1)) + 1}`, 'member');
      teamSizes.push(team.members.size);
    }
    const admins = Math.floor((MEMBERS - 1) / 50) + 1;
    const minimum =
      Math.ceil(MEMBERS / 100) +
      Math.ceil(admins / 100) +
      Math.ceil(INVITES / 100) +
      Math.ceil(TEAMS / 100) +
      teamSizes.reduce((n, s) => n + Math.ceil(s / 100), 0);

    const c = githubConnector(f, { config: { concurrency: 2 } });
    const started = performance.now();
    const accounts = await c.listAccounts();
    const ms = performance.now() - started;
    out.push(
      `listAccounts: ${accounts.length} accounts (${MEMBERS} members, ${INVITES} invitations, ${TEAMS} teams) in ${ms.toFixed(0)} ms`,
    );
    out.push(
      `  requests: ${c.requestCount()} (paging minimum ${minimum}, ratio ${(c.requestCount() / minimum).toFixed(2)}); ${(ms / c.requestCount()).toFixed(1)} ms/request`,
    );
    out.push(
      `  at GitHub's 5,000 requests/hour primary limit this read uses ${((c.requestCount() / 5000) * 100).toFixed(1)}% of an hour's budget`,
    );

    const before = c.requestCount();
    const t0 = performance.now();
    const ids = Array.from({ length: 200 }, (_, i) => `dev-${i + 1}`);
    await c.addToGroup('team-0', ids);
    await c.removeFromGroup('team-0', ids);
    const teamMs = performance.now() - t0;
    const teamReq = c.requestCount() - before;
    out.push(
      `team changes: 200 adds + 200 removes = ${teamReq} requests (1 per member per change) in ${teamMs.toFixed(0)} ms, ${(teamMs / teamReq).toFixed(1)} ms/request`,
    );
    out.push(
      `  note: GitHub counts writes 5 points each against 900 points/min per endpoint, so ≤180 team changes/min before secondary limits`,
    );
  } finally {
    await f.close();
  }
  return out;
}
