// The demo's workspace file: the Okta stand-in as the directory; Slack (the SCIM stand-in, with the Slack
// preset), the GitHub org (revocations wait for review) and the office badge (a manual app); the access rules,
// guardrails, offboarding checklist and a fast schedule, so a leaver shows up within seconds. Tokens are env:
// references to variables the demo process sets, so nothing touches the keychain.
import { stringify } from 'yaml';
import { workspaceSchema, type WorkspaceInput } from '../shared/config/workspace';
import { GITHUB_ORG, type StandIns } from './stand-ins';

/** The environment variables the workspace's secret references name. */
export const TOKEN_ENV = {
  okta: 'LANYARD_DEMO_OKTA_TOKEN',
  scim: 'LANYARD_DEMO_SLACK_TOKEN',
  github: 'LANYARD_DEMO_GITHUB_TOKEN',
} as const;

export const DEMO_POLL_SECONDS = 10;

export const demoWorkspace = (s: Pick<StandIns, 'okta' | 'scim' | 'github'>): WorkspaceInput => ({
  directory: {
    kind: 'okta',
    name: 'Acme Okta (demo stand-in)',
    baseUrl: s.okta.url,
    auth: { type: 'token', token: `env:${TOKEN_ENV.okta}` },
  },
  apps: [
    {
      id: 'slack',
      name: 'Slack',
      kind: 'scim',
      preset: 'slack',
      baseUrl: s.scim.url,
      auth: { type: 'bearer', token: `env:${TOKEN_ENV.scim}` },
      deprovision: 'deactivate',
      review: 'auto',
    },
    {
      id: 'github',
      name: 'GitHub',
      kind: 'github',
      org: GITHUB_ORG,
      baseUrl: s.github.url,
      auth: { type: 'bearer', token: `env:${TOKEN_ENV.github}` },
      usernameAttribute: 'githubUsername',
      deprovision: 'deactivate',
      review: 'required',
      // The stand-in has no secondary rate limit; pace writes faster than real GitHub so the first sync is quick.
      rateLimit: { writesPerMinute: 600, burst: 100 },
    },
    {
      id: 'badge',
      name: 'Office badge',
      kind: 'manual',
      assignee: 'Front desk',
      instructions:
        'Issue or disable the badge in the door system (Facilities → Badges), then mark it done here.',
      review: 'auto',
    },
  ],
  rules: [
    { app: 'slack', groups: ['Everyone'] },
    { app: 'github', groups: ['Engineering'], role: 'member', teams: ['engineering'] },
    {
      app: 'github',
      groups: ['Platform Leads'],
      role: 'admin',
      teams: ['engineering', 'platform'],
      priority: 10,
    },
    { app: 'badge', groups: ['Office'] },
  ],
  guardrails: { maxDeprovisionsPerRun: 10, maxDeprovisionPercent: 20, suspiciousDropPercent: 20 },
  offboarding: { killSessions: true, checklist: ['Collect laptop', 'Transfer file ownership'] },
  schedule: { pollSeconds: DEMO_POLL_SECONDS, fullSyncMinutes: 60, paused: false },
});

/** The workspace as the YAML file an admin would keep in git (validated here, so a mistake fails loudly). */
export const demoWorkspaceYaml = (s: Pick<StandIns, 'okta' | 'scim' | 'github'>): string => {
  const ws = demoWorkspace(s);
  workspaceSchema.parse(ws);
  return `# Lanyard demo workspace (stand-ins on 127.0.0.1; tokens are per-run environment variables)\n${stringify(ws)}`;
};
