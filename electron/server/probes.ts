// Liveness and readiness for a process manager or a load balancer (systemd, Docker, Kubernetes), answered without
// a session because the prober has none: `GET /healthz` says the process answers HTTP; `GET /readyz` says whether
// it can do its job — the database answers, its schema is the one this build expects, and who runs the scheduler.
// Neither says anything secret: no paths, names, versions of dependencies or data.
import type { ServerResponse } from 'node:http';
import type { Lanyard } from '../app/create-lanyard';
import { latestSchemaVersion } from '../store/migrations/index';
import { applyNoStore } from './security-headers';

export const PROBE_PATHS = new Set(['/healthz', '/readyz']);

export interface ReadyCheck {
  name: 'database' | 'migrations' | 'scheduler';
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadyCheck[];
}

type ProbeCore = Pick<Lanyard, 'context'>;

/** A prober (a load balancer) waits this long at most for the database before calling the process unready. */
export const PROBE_DB_TIMEOUT_MS = 3_000;

const withinProbeTime = <T>(p: Promise<T>): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer within ${PROBE_DB_TIMEOUT_MS} ms`)),
        PROBE_DB_TIMEOUT_MS,
      ).unref(),
    ),
  ]);

const databaseCheck = async (core: ProbeCore): Promise<{ check: ReadyCheck; version: number | null }> => {
  try {
    const version = await withinProbeTime(core.context.store.schemaVersion());
    return { check: { name: 'database', ok: true, detail: 'answers' }, version };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { check: { name: 'database', ok: false, detail: `does not answer: ${why}` }, version: null };
  }
};

const migrationsCheck = (version: number | null): ReadyCheck =>
  version === null
    ? { name: 'migrations', ok: false, detail: 'unknown: the database does not answer' }
    : version === latestSchemaVersion
      ? { name: 'migrations', ok: true, detail: `schema ${version} is current` }
      : {
          name: 'migrations',
          ok: false,
          detail: `schema ${version}, but this build expects ${latestSchemaVersion}`,
        };

/**
 * The scheduler never makes a process unready: a standby replica still serves the UI and the API. Read from the
 * context, not app.info, whose keychain check writes a probe entry: an unauthenticated prober must cause no write.
 */
const schedulerCheck = (core: ProbeCore): ReadyCheck => ({
  name: 'scheduler',
  ok: true,
  detail: core.context.schedulerOwner()
    ? 'this process runs the scheduler'
    : 'standby: another process runs it',
});

export const readiness = async (core: ProbeCore): Promise<Readiness> => {
  const db = await databaseCheck(core);
  const checks = [db.check, migrationsCheck(db.version)];
  if (db.check.ok) checks.push(schedulerCheck(core));
  return { ready: checks.every((c) => c.ok), checks };
};

const sendJson = (res: ServerResponse, status: number, body: unknown, head: boolean): void => {
  const text = JSON.stringify(body);
  applyNoStore(res);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(head ? undefined : text);
};

/** Answers GET/HEAD /healthz and /readyz; anything else on these paths is 405. */
export const answerProbe = async (
  core: ProbeCore,
  method: string | undefined,
  pathname: string,
  res: ServerResponse,
): Promise<void> => {
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendJson(res, 405, { error: 'use GET' }, false);
    return;
  }
  const head = method === 'HEAD';
  if (pathname === '/healthz') return sendJson(res, 200, { status: 'ok' }, head);
  const r = await readiness(core);
  sendJson(res, r.ready ? 200 : 503, r, head);
};
