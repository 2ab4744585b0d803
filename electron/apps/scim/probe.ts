// The compatibility probe: finds out what a SCIM app really supports — auth, discovery, paging, filtering and
// (only when asked to write) create / PATCH-or-PUT / deactivate / delete round trips on a throwaway user that is
// always cleaned up — and which preset fits. The service stores the result in apps.capabilities.
import { randomUUID } from 'node:crypto';
import type { AppCapabilities, ProbeReport, ProbeStep } from '../../../shared/api/methods-apps';
import { presetCapabilities, withDiscovery } from './capabilities';
import type { ScimConnector } from './connector';
import { ScimAppError } from './errors';
import { readPage } from './paging';
import { SCIM_PRESETS } from './presets';
import { eqFilter, patchRequest, URN, type ScimUser } from './wire';
import { getUser, updateUser } from './users';
import type { ScimSession } from './session';

const say = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const probeScim = async (c: ScimConnector, opts: { write: boolean }): Promise<ProbeReport> => {
  const s = c.session;
  // Writes during the probe follow what the probe has found so far, not what the session assumed.
  const probing: ScimSession = { ...s, caps: async () => caps };
  const setActive = async (id: string, active: boolean): Promise<boolean> =>
    (await updateUser(probing, id, { active }, active ? 'reactivate' : 'deactivate')).active === active;
  const steps: ProbeStep[] = [];
  const step = (name: string, status: ProbeStep['status'], detail: string): void =>
    void steps.push({ name, status, detail });
  const startRequests = s.t.requestCount();
  let caps: AppCapabilities = presetCapabilities(s.preset, s.config);
  const report = (ok: boolean, wrote: boolean, cleanedUp: boolean | null): ProbeReport => ({
    appId: s.config.id,
    ok,
    steps,
    capabilities: { ...caps, sources: [...new Set([...caps.sources, 'probe' as const])] },
    presetFit: presetFit(s.preset.id, caps),
    wrote,
    cleanedUp,
    requests: s.t.requestCount() - startRequests,
  });

  // 1. Auth and a minimal read.
  let first: ScimUser[] = [];
  let total: number | null = null;
  try {
    const page = await readPage<ScimUser>(s.t, 'Users', { startIndex: 1, count: 1 }, 'read one user');
    first = page.resources;
    total = page.total;
    step('auth', 'ok', `Authenticated; totalResults ${total ?? '(not given)'}.`);
  } catch (err) {
    step('auth', 'failed', say(err));
    return report(false, false, null);
  }

  // 2. Discovery.
  try {
    const d = await s.discovery();
    caps = withDiscovery(caps, d);
    step('discovery', d.spc ? 'ok' : 'absent', d.notes.join(' ') || 'Nothing stated.');
  } catch (err) {
    step('discovery', 'failed', say(err));
  }

  // 3. Paging: does the server honour count and startIndex?
  if (first.length > 1)
    step(
      'paging',
      'failed',
      `Asked for 1 user, got ${first.length}: the server ignores count (Lanyard de-duplicates and stops on repeats).`,
    );
  else if ((total ?? 0) >= 2) {
    const second = await readPage<ScimUser>(
      s.t,
      'Users',
      { startIndex: 2, count: 1 },
      'read the second user',
    ).catch(() => null);
    if (second && second.resources[0] && second.resources[0].id === first[0]?.id)
      step('paging', 'failed', 'startIndex is ignored: page 2 repeats page 1.');
    else step('paging', 'ok', 'count and startIndex are honoured.');
  } else step('paging', 'skipped', 'Fewer than 2 users: paging could not be checked.');

  // 4. Filter, on an existing user (or the throwaway one later).
  const checkFilter = async (u: ScimUser): Promise<void> => {
    const userName = String(u.userName);
    try {
      const r = await readPage<ScimUser>(
        s.t,
        'Users',
        { filter: eqFilter('userName', userName), startIndex: 1, count: 10 },
        'filter by userName',
      );
      const ok =
        r.resources.length > 0 &&
        r.resources.every((x) => String(x.userName).toLowerCase() === userName.toLowerCase());
      caps = { ...caps, filter: ok };
      step(
        'filter',
        ok ? 'ok' : 'failed',
        ok
          ? 'filter=userName eq "…" works.'
          : 'The filter was ignored (other users came back): lookups will list and match.',
      );
    } catch (err) {
      if (
        !(err instanceof ScimAppError) ||
        err.status === undefined ||
        err.status >= 500 ||
        err.status === 401
      )
        throw err;
      caps = { ...caps, filter: false };
      step(
        'filter',
        'failed',
        `Filtering is refused (${err.status}${err.scimType ? ` ${err.scimType}` : ''}): lookups will list and match.`,
      );
    }
  };
  if (first[0]) await checkFilter(first[0]);
  else if (!opts.write)
    step('filter', 'skipped', 'No users to filter on; run with --write to check it on a throwaway user.');

  if (!opts.write) {
    step(
      'write',
      'skipped',
      'Write round trips not run (use --write; a throwaway user is created and cleaned up).',
    );
    return report(
      steps.every((x) => x.status !== 'failed' || x.name === 'paging' || x.name === 'filter'),
      false,
      null,
    );
  }

  // 5. Write round trips on a throwaway user.
  const tag = randomUUID().slice(0, 8);
  const domain = String(first[0]?.userName ?? '').split('@')[1] ?? 'example.com';
  const throwaway = {
    userName: `lanyard-probe-${tag}@${domain || 'example.com'}`,
    externalId: `lanyard-probe-${tag}`,
  };
  let id: string | null = null;
  let gone = false;
  let deactivated = false;
  try {
    const created = await s.t.request<ScimUser>({
      method: 'POST',
      path: 'Users',
      json: {
        schemas: [URN.user],
        ...throwaway,
        name: { givenName: 'Lanyard', familyName: 'Probe' },
        displayName: 'Lanyard probe',
        active: true,
      },
      action: 'create a throwaway user',
    });
    id = String(created.body?.id ?? '');
    if (!id) throw new Error('the create answered without an id');
    step('create', 'ok', `Created throwaway user ${throwaway.userName}.`);
    if (!first[0]) await checkFilter({ userName: throwaway.userName });

    const fetched = await getUser(s, id, 'read the throwaway user');
    if (fetched.version) caps = { ...caps, etag: true };
    const ifMatch: Record<string, string> = fetched.version ? { 'if-match': fetched.version } : {};
    try {
      await s.t.request({
        method: 'PATCH',
        path: `Users/${id}`,
        json: patchRequest([{ op: 'replace', path: 'displayName', value: 'Lanyard probe (patched)' }]),
        headers: ifMatch,
        action: 'PATCH the throwaway user',
      });
      const after = await getUser(s, id, 'read the throwaway user');
      if (after.user.displayName !== 'Lanyard probe (patched)')
        throw new Error('PATCH answered OK but changed nothing');
      caps = { ...caps, update: 'patch' };
      step('patch', 'ok', 'PATCH (RFC 7644 PatchOp) works.');
    } catch (err) {
      if (err instanceof ScimAppError && (err.status === 401 || err.status === 403)) throw err;
      caps = { ...caps, update: 'put-only' };
      step(
        'patch',
        'failed',
        `PATCH does not work (${say(err)}): updates will re-send the full resource with PUT.`,
      );
    }
    deactivated = await setActive(id, false);
    step(
      'deactivate',
      deactivated ? 'ok' : 'failed',
      deactivated
        ? `Deactivated with ${caps.update === 'patch' ? 'PATCH' : 'PUT'} active=false.`
        : 'active=false did not stick.',
    );

    try {
      await s.t.request({
        method: 'DELETE',
        path: `Users/${id}`,
        expect: 'none',
        action: 'DELETE the throwaway user',
      });
      const after = await getUser(s, id, 'read the deleted user').catch((err: unknown) =>
        err instanceof ScimAppError && err.status === 404 ? null : Promise.reject(err),
      );
      gone = after === null;
      caps = { ...caps, deleteMeans: gone ? 'delete' : 'deactivate' };
      step(
        'delete',
        'ok',
        gone ? 'DELETE removes the user.' : 'DELETE only deactivates the user (it can still be read).',
      );
    } catch (err) {
      if (
        !(err instanceof ScimAppError) ||
        err.status === undefined ||
        ![400, 403, 404, 405, 501].includes(err.status)
      )
        throw err;
      caps = { ...caps, deleteMeans: 'unsupported' };
      step('delete', 'failed', `DELETE is not offered (${err.status}): deprovisioning will deactivate.`);
    }
  } catch (err) {
    step('write', 'failed', say(err));
  } finally {
    // Never leave the throwaway user behind: delete it, or at least deactivate it.
    if (id && !gone) {
      try {
        await s.t.request({
          method: 'DELETE',
          path: `Users/${id}`,
          expect: 'none',
          accept: [404],
          action: 'clean up the throwaway user',
        });
        gone = caps.deleteMeans !== 'deactivate';
      } catch {
        if (!deactivated) deactivated = await setActive(id, false).catch(() => false);
      }
    }
  }
  const cleanedUp = id === null ? true : gone || deactivated;
  if (id)
    step(
      'cleanup',
      cleanedUp ? 'ok' : 'failed',
      cleanedUp
        ? `Throwaway user ${throwaway.userName} ${gone ? 'deleted' : 'deactivated'}.`
        : `Could not remove throwaway user ${throwaway.userName}; remove it by hand.`,
    );
  const failedHard = steps.some(
    (x) => x.status === 'failed' && ['write', 'create', 'cleanup', 'deactivate', 'auth'].includes(x.name),
  );
  return report(!failedHard, true, cleanedUp);
};

/** Which preset's documented behaviour matches what the probe found. */
export const presetFit = (configured: string, caps: AppCapabilities): ProbeReport['presetFit'] => {
  const diff = (id: string): string[] => {
    const p = SCIM_PRESETS[id]!;
    const notes: string[] = [];
    if (p.update !== caps.update) notes.push(`${p.label} documents ${p.update}; found ${caps.update}`);
    if (p.filter !== caps.filter)
      notes.push(
        `${p.label} documents filter ${p.filter ? 'support' : 'none'}; found ${caps.filter ? 'support' : 'none'}`,
      );
    if (p.deleteMeans !== caps.deleteMeans)
      notes.push(`${p.label}: DELETE means ${p.deleteMeans}; found ${caps.deleteMeans}`);
    return notes;
  };
  const own = diff(configured in SCIM_PRESETS ? configured : 'generic');
  if (own.length === 0) return { preset: configured, matches: true, notes: [] };
  const best = Object.keys(SCIM_PRESETS).find((id) => diff(id).length === 0);
  return {
    preset: best ?? configured,
    matches: false,
    notes: best ? [...own, `The ${SCIM_PRESETS[best]!.label} preset fits what was found.`] : own,
  };
};
