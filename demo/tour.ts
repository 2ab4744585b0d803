// What the demo prints after its URL: a short tour of what to look at, in the order things happen.
import type { DemoPerson } from './people';

export const tourText = (leaver: DemoPerson, leaveAfterSeconds: number): string =>
  [
    '',
    'A short tour (open the address above):',
    '  • Overview — 200 people at "Acme", three apps in sync, the first runs and what they did.',
    '  • People   — who has which account, and "why" (the rule that grants it).',
    '  • Apps     — Slack (SCIM, Slack preset), GitHub org (revocations need review), Office badge (checklist).',
    `  • In ~${leaveAfterSeconds} s ${leaver.firstName} ${leaver.lastName} (${leaver.title}) leaves: deactivated in Okta.`,
    '    Within one poll (10 s) Slack is revoked at once, GitHub waits for your approval, the badge becomes a',
    '    task for the front desk. Approve it under Offboarding, then verify and export the evidence;',
    '    every step is in the Audit ledger.',
    '',
    'Press Ctrl-C to stop the demo (stand-ins, scheduler and server); nothing keeps running.',
  ].join('\n');
