// The printable pages of an access review — a reviewer's sheet and the campaign report — are opened in a browser
// from an e-mail or a ticket. Every value on them comes from outside (the directory, the apps, reviewers' comments),
// so each is HTML-escaped: markup in a name, a group or a comment shows as text and never becomes an element.
import { describe, expect, it } from 'vitest';
import type { ReviewItemView, ReviewReport } from '../../../shared/api/methods-reviews';
import type { CampaignRow } from '../../../electron/reviews/campaigns-repo';
import { reportHtml, sheetHtml } from '../../../electron/reviews/report';

const EVIL = `"><img src=x onerror="alert(1)"><script>alert('x')</script>`;
const ALLOWED_TAGS = new Set(
  'html head meta title style body h1 h2 p strong dl dt dd table thead tbody tr th td pre'.split(' '),
);

/** Every element on the page, by tag name: only the page's own may appear, none from a value. */
const tags = (html: string): string[] =>
  [...html.replace(/^<!doctype html>/i, '').matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) =>
    m[1]!.toLowerCase(),
  );

const campaign: CampaignRow = {
  id: 7,
  name: `Q1 ${EVIL}`,
  status: 'open',
  definition_id: null,
  period: null,
  scope: JSON.stringify({ apps: ['acme'], people: null }),
  assign: '["owner"]',
  reviewers: '{}',
  fallback: 'it@example.com',
  due_at: '2027-03-31T23:59:59.000Z',
  started_at: '2027-01-02T09:00:00.000Z',
  started_by: 'admin',
  closed_at: null,
  closed_by: null,
  applied_at: null,
  sheet_key: '00'.repeat(32),
  warnings: '[]',
  close_anchor: null,
  close_anchor_note: null,
};

const item: ReviewItemView = {
  id: 41,
  campaignId: 7,
  kind: 'account',
  appId: 'acme',
  appName: `Acme ${EVIL}`,
  appKind: 'scim',
  personId: 'p1',
  person: `ana${EVIL}@example.com`,
  displayName: `Ana ${EVIL}`,
  personStatus: 'active',
  remoteId: 'r1',
  userName: `ana ${EVIL}`,
  email: null,
  active: true,
  role: `admin ${EVIL}`,
  groups: [`Eng ${EVIL}`],
  grantedBy: `rule 1: groups Eng ${EVIL}`,
  ruleIndex: 0,
  lastActivity: null,
  reviewer: `boss${EVIL}@example.com`,
  reviewerBasis: 'owner',
  decision: {
    decision: 'revoke',
    role: null,
    reassignTo: null,
    comment: `bye ${EVIL}`,
    decidedBy: `admin ${EVIL}`,
    forReviewer: 'boss@example.com',
    source: 'sheet',
    decidedAt: '2027-01-05T10:00:00.000Z',
    auditSeq: 12,
  },
  history: [],
  outcome: 'done',
  ops: [],
};

describe('the printable access review pages', () => {
  it('show names, groups, roles and the rule from the directory as text on a reviewer’s sheet', () => {
    const html = sheetHtml(campaign, item.reviewer, [item], { timeZone: 'UTC' });
    expect(tags(html).filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('Eng &quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;');
    expect(html).toContain('Reviewer: boss&quot;&gt;&lt;img');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('show comments, deciders and the campaign name as text in the report', () => {
    const report: ReviewReport = {
      format: 'lanyard-access-review-v1',
      campaignId: 7,
      name: campaign.name,
      status: 'closed',
      scope: { apps: [`acme${EVIL}`], people: { groups: [`Eng${EVIL}`] } },
      snapshotAt: campaign.started_at,
      dueAt: campaign.due_at,
      closedAt: '2027-04-01T00:00:00.000Z',
      closedBy: `admin ${EVIL}`,
      generatedAt: '2027-04-01T00:00:00.000Z',
      reviewers: [{ reviewer: item.reviewer, items: 1, decided: 1, open: 0 }],
      counts: {
        items: 1,
        decided: 1,
        open: 0,
        keep: 0,
        revoke: 1,
        changeRole: 0,
        carriedOut: 1,
        pendingChanges: 0,
      },
      items: [
        {
          itemId: 41,
          kind: 'account',
          appId: 'acme',
          appName: item.appName,
          person: item.person,
          userName: item.userName,
          role: item.role,
          grantedBy: item.grantedBy,
          lastActivity: null,
          reviewer: item.reviewer,
          decision: 'change-role',
          newRole: `viewer ${EVIL}`,
          decidedBy: item.decision!.decidedBy,
          forReviewer: item.reviewer,
          source: 'sheet',
          decidedAt: item.decision!.decidedAt,
          comment: item.decision!.comment,
          decisionSeq: 12,
          outcome: 'done',
          ops: [],
        },
      ],
      open: { undecided: [], notCarriedOut: [] },
      exceptions: [],
      ledgerAnchor: null,
      ledgerAnchorNote: `note ${EVIL}`,
    };
    const html = reportHtml(report, { timeZone: 'UTC' });
    expect(tags(html).filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('<td>bye &quot;&gt;&lt;img src=x');
    expect(html).toContain('change-role → viewer &quot;&gt;&lt;img');
    expect(html).toContain('<title>Access review 7 — Q1 &quot;&gt;&lt;img');
    expect(html).toContain('<p>note &quot;&gt;&lt;img');
  });
});
