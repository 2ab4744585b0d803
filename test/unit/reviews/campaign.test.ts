// An access review from start to report over a real core (SQLite on disk) and the Okta and SCIM fakes on loopback:
// the snapshot (accounts, orphans, departed people), reviewer assignment, a reviewer's CSV filled in with a CSV
// library and imported (tampered, foreign and unknown rows refused with nothing recorded; re-import a no-op), and
// closing: revokes through the gate (held above the guard limits), exceptions, no re-grant, the report.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../shared/config/workspace';
import { SCIM_TOKEN, scimUsers, worldPerTest } from '../sync-engine/kit';

const setup = worldPerTest();

const world = async () => {
  const { w, t } = await setup(200, { github: false });
  // user0 manages everyone and owns the Acme app (so their own account there goes to the fallback).
  for (const id of w.people.slice(1)) w.okta.state.users.get(id)!.profile.managerId = w.people[0]!;
  const ws = t.core.context.repos.workspace;
  await ws.setApps(
    (await ws.listApps()).map((a) =>
      appConfigSchema.parse(a.id === 'acme' ? { ...a, owner: 'user0@example.com' } : a),
    ),
  );
  await t.call('sync.run', {});
  // An account no directory person has (orphan) …
  const res = await fetch(`${w.scim.url}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'stranger@example.com',
      active: true,
    }),
  });
  expect(res.status).toBe(201);
  // … and two people who left (the directory says so; no sync has revoked them yet).
  w.okta.state.setStatus(w.people[7]!, 'SUSPENDED');
  w.okta.state.setStatus(w.people[8]!, 'DEPROVISIONED');
  await t.call('directory.pull', {});
  await t.call('apps.accounts', { appId: 'acme' }).catch(() => undefined);
  return { w, t };
};

const readCsv = (csv: string): string[][] => parse(csv, { bom: true }) as string[][];

describe('an access review campaign', () => {
  it('snapshots accounts, orphans and departed people, assigns managers and owners, and sends a reviewer’s own access to the fallback', async () => {
    const { t } = await world();
    const c = await t.call('reviews.start', {
      name: 'Q1',
      dueAt: '2030-03-31',
      assign: ['manager', 'owner'],
      fallback: 'it@example.com',
    });
    const { items } = await t.call('reviews.items', { campaignId: c.id, limit: 5000 });
    const acme = items.filter((i) => i.appId === 'acme');
    expect(acme.filter((i) => i.kind === 'account')).toHaveLength(198);
    expect(
      acme
        .filter((i) => i.kind === 'departed')
        .map((i) => i.person)
        .sort(),
    ).toEqual(['user7@example.com', 'user8@example.com']);
    const orphan = items.find((i) => i.kind === 'orphan');
    expect(orphan?.userName).toBe('stranger@example.com');
    expect([orphan?.reviewer, orphan?.reviewerBasis]).toEqual(['user0@example.com', 'owner']);
    const ana = acme.find((i) => i.person === 'user5@example.com')!;
    expect([ana.reviewer, ana.reviewerBasis]).toEqual(['user0@example.com', 'manager']);
    expect(ana.grantedBy).toMatch(/^rule 1: groups Everyone/);
    // The manual app's accounts are only known once confirmed: none here, and the campaign says so.
    expect(items.filter((i) => i.appId === 'badge')).toEqual([]);
    expect(c.warnings).toEqual([
      'Office badge: no accounts read yet, so its accounts are unknown (not absent) in this campaign',
    ]);
    // user0 has no manager: the app owner reviews … but that is user0, so their own account goes to the fallback.
    const own = acme.find((i) => i.person === 'user0@example.com')!;
    expect([own.reviewer, own.reviewerBasis]).toEqual(['it@example.com', 'self']);
    const ownersAssignment = await t.call('reviews.start', {
      name: 'By owner',
      dueAt: '2030-03-31',
      assign: ['owner'],
      fallback: 'it@example.com',
    });
    const byOwner = (await t.call('reviews.items', { campaignId: ownersAssignment.id, limit: 5000 })).items;
    expect(byOwner.find((i) => i.person === 'user5@example.com')!.reviewerBasis).toBe('owner');
    expect(byOwner.find((i) => i.kind === 'orphan')!.reviewer).toBe('user0@example.com');
  });

  it('imports a returned sheet: decisions from the sheet, bad rows refused with row numbers and nothing recorded, re-import a no-op; close revokes through the gate once', async () => {
    const { w, t } = await world();
    const c = await t.call('reviews.start', {
      name: 'Q1',
      dueAt: '2030-03-31',
      assign: ['manager'],
      fallback: 'it@example.com',
    });
    const sheet = await t.call('reviews.exportSheet', { campaignId: c.id, reviewer: 'user0@example.com' });
    const rows = readCsv(sheet.content);
    const head = rows[0]!;
    const col = (name: string) => head.findIndex((h) => h.startsWith(name));
    expect(head[col('decision')]).toBe('decision (keep | revoke | change-role | not-mine)');
    const body = rows.slice(1);
    const acmeRows = body.filter(
      (r) => r[col('app')] === 'Acme' && /^user(1\d|2\d)@/.test(r[col('person')]!),
    );
    expect(acmeRows).toHaveLength(20);
    for (const r of acmeRows.slice(0, 15)) r[col('decision')] = 'revoke';
    for (const r of acmeRows.slice(15)) r[col('decision')] = 'keep';
    acmeRows[0]![col('comment')] = 'moved to a contractor role';

    // One bad row of each kind: nothing is recorded.
    const tampered = body.map((r) => [...r]);
    const t1 = tampered.indexOf(tampered.find((r) => r[col('item')] === acmeRows[1]![col('item')])!);
    tampered[t1]![col('role')] = 'admin';
    const unknown = tampered.findIndex((r) => r[col('item')] === acmeRows[16]![col('item')]);
    tampered[unknown]![col('decision')] = 'approve';
    const other = await t.call('reviews.start', {
      name: 'Other',
      dueAt: '2030-03-31',
      assign: ['manager'],
      fallback: 'it@example.com',
    });
    const foreign = readCsv(
      (await t.call('reviews.exportSheet', { campaignId: other.id, reviewer: 'user0@example.com' })).content,
    )[1]!;
    const bad = await t.call('reviews.importSheet', { csv: stringify([head, ...tampered, foreign]) });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => [e.row, e.reason.split(':')[0]])).toEqual([
      [t1 + 2, 'the account columns were changed (they must stay as exported)'],
      [unknown + 2, 'unknown decision "approve"'],
      [
        tampered.length + 2,
        `belongs to campaign ${other.id}, not campaign ${c.id} like the rest of the sheet`,
      ],
    ]);
    expect((await t.call('reviews.get', { campaignId: c.id })).counts.decided).toBe(0);

    const good = stringify([head, ...body]);
    // A dry run counts what importing would record and what it would leave, and records nothing.
    const dry = await t.call('reviews.importSheet', { csv: good, dryRun: true });
    expect([dry.ok, dry.recorded, dry.unchanged]).toEqual([true, 20, body.length - 20]);
    expect((await t.call('reviews.get', { campaignId: c.id })).counts.decided).toBe(0);
    const imported = await t.call('reviews.importSheet', { csv: good });
    expect([imported.ok, imported.recorded]).toEqual([true, 20]);
    const dryAgain = await t.call('reviews.importSheet', { csv: good, dryRun: true });
    expect([dryAgain.recorded, dryAgain.unchanged]).toEqual([0, body.length]);
    const seqBefore = (await t.call('audit.list', { limit: 1 })).events[0]!.seq;
    const again = await t.call('reviews.importSheet', { csv: good });
    expect([again.recorded, again.unchanged]).toEqual([0, body.length]);
    expect((await t.call('audit.list', { limit: 1 })).events[0]!.seq).toBe(seqBefore);
    const decided = (await t.call('reviews.items', { campaignId: c.id, state: 'revoke' })).items;
    expect(decided).toHaveLength(15);
    expect(
      decided.every((i) => i.decision!.source === 'sheet' && i.decision!.forReviewer === 'user0@example.com'),
    ).toBe(true);

    // Close: 15 revokes exceed the limit of 10 per run, so all are held; approving runs each once.
    const closed = await t.call('reviews.close', { campaignId: c.id, confirm: true });
    expect(closed.held).toBe(15);
    expect(closed.exceptionsAdded).toHaveLength(15);
    const active = () => scimUsers(w).filter((u) => u.active !== false).length;
    const before = active();
    const queue = await t.call('review.list', {});
    await t.call('review.approve', { ids: queue.apps.flatMap((a) => a.ops.map((o) => o.id)) });
    expect(active()).toBe(before - 15);
    // The next sync revokes the two people who left, and grants none of the 15 back.
    await t.call('sync.run', {});
    expect(active()).toBe(before - 17);
    const report = JSON.parse(
      (await t.call('reviews.report', { campaignId: c.id })).content,
    ) as import('../../../shared/api/methods-reviews').ReviewReport;
    const revoked = report.items.filter((i) => i.decision === 'revoke');
    expect(revoked.every((i) => i.outcome === 'done' && i.ops[0]!.auditSeqs.length >= 2)).toBe(true);
    expect(report.ledgerAnchor?.seq).toBeGreaterThan(seqBefore);
    expect(report.items.find((i) => i.decision === 'revoke' && i.comment)?.comment).toBe(
      'moved to a contractor role',
    );
  });
});
