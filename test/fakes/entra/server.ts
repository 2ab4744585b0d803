// A faithful-enough Microsoft identity platform + Graph v1.0 on 127.0.0.1 (docs/api-contracts.md §2): client
// secret and certificate (x5t) client credentials, /users and /groups with $select/$top (≤ 999, else 400) and
// full-URL @odata.nextLink paging, group members of every type Graph returns (users, nested groups, devices,
// service principals, each with its @odata.type) in /members and members@delta, delta queries with deltaLinks,
// @removed, 410 on an expired delta token, Graph error bodies, the kill switch, and fault switches.
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { answerBodyFault, FaultSwitch, sleep } from '../common/faults';
import {
  bearerOrScheme,
  formBody,
  sendEmpty,
  sendJson,
  startFakeServer,
  type FakeRequest,
} from '../common/http';
import { verifyClientAssertion } from '../common/jwt';
import { createEntraState, type GraphUser } from './state';

export interface EntraApp {
  clientId: string;
  secret?: string;
  certificate?: { publicKey: KeyObject; thumbprint: string };
  /** Application permissions granted with admin consent. */
  roles: string[];
}

export interface EntraFakeOptions {
  tenantId: string;
  apps: EntraApp[];
  accessTokenLifetimeSeconds?: number;
  /** Page size of delta rounds (Graph chooses it; $top is not supported on delta). */
  deltaPageSize?: number;
}

const DEFAULT_USER_PROPS = [
  'businessPhones',
  'displayName',
  'givenName',
  'id',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
];
const graphError = (code: string, message: string) => ({
  error: {
    code,
    message,
    innerError: { 'request-id': randomBytes(8).toString('hex'), date: new Date().toISOString().slice(0, 19) },
  },
});
const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const dec = <T>(s: string): T | null => {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString()) as T;
  } catch {
    return null;
  }
};

interface DeltaState {
  k: 'users' | 'groups';
  /** Changes after this sequence number… */
  from: number;
  /** …up to this one (the round's snapshot point). */
  to: number;
  offset: number;
  e: number;
  sel: string | null;
}

export const startEntraFake = async (opts: EntraFakeOptions) => {
  let baseUrl = '';
  const state = createEntraState();
  const faults = new FaultSwitch();
  const tokens = new Map<string, { roles: string[]; expiresAt: number }>();
  const killSwitch = { disabled: [] as string[], revoked: [] as string[] };
  const tokenRequests: { clientId: string; method: 'secret' | 'certificate' }[] = [];
  let epoch = 1;

  const tokenEndpoint = async (req: FakeRequest, res: ServerResponse, tenant: string): Promise<void> => {
    const form = formBody(req);
    const fail = (status: number, error: string, description: string, code: number) =>
      sendJson(res, status, {
        error,
        error_description: `AADSTS${code}: ${description}`,
        error_codes: [code],
        timestamp: new Date().toISOString(),
        trace_id: randomBytes(8).toString('hex'),
        correlation_id: randomBytes(8).toString('hex'),
      });
    if (tenant !== opts.tenantId) return fail(400, 'invalid_request', `Tenant '${tenant}' not found.`, 90002);
    if (form.grant_type !== 'client_credentials')
      return fail(400, 'unsupported_grant_type', 'grant_type must be client_credentials', 70003);
    if (form.scope !== 'https://graph.microsoft.com/.default')
      return fail(
        400,
        'invalid_scope',
        `The provided value for scope ${form.scope ?? ''} is not valid.`,
        70011,
      );
    const app = opts.apps.find((a) => a.clientId === form.client_id);
    if (!app)
      return fail(
        400,
        'unauthorized_client',
        `Application with identifier '${form.client_id ?? ''}' was not found in the directory.`,
        700016,
      );
    let method: 'secret' | 'certificate';
    if (form.client_secret !== undefined) {
      if (!app.secret || form.client_secret !== app.secret)
        return fail(401, 'invalid_client', 'Invalid client secret provided.', 7000215);
      method = 'secret';
    } else if (form.client_assertion) {
      if (
        !app.certificate ||
        form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      )
        return fail(401, 'invalid_client', 'Client assertion is not allowed for this app.', 700027);
      const check = await verifyClientAssertion(form.client_assertion, app.certificate.publicKey, {
        audience: `${baseUrl}/${tenant}/oauth2/v2.0/token`,
        clientId: app.clientId,
        maxLifetimeSeconds: 3600,
      });
      const x5t = Buffer.from(app.certificate.thumbprint, 'hex').toString('base64url');
      if (!check.ok)
        return fail(
          401,
          'invalid_client',
          `Client assertion failed signature validation: ${check.reason}`,
          700027,
        );
      if (check.header?.x5t !== x5t)
        return fail(
          401,
          'invalid_client',
          `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(check.header?.x5t)}']`,
          700027,
        );
      method = 'certificate';
    } else
      return fail(
        401,
        'invalid_client',
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        7000218,
      );
    tokenRequests.push({ clientId: app.clientId, method });
    const token = `eyJ0eXAi.${randomBytes(24).toString('base64url')}`;
    const lifetime = opts.accessTokenLifetimeSeconds ?? 3599;
    tokens.set(token, { roles: app.roles, expiresAt: Date.now() + lifetime * 1000 });
    sendJson(res, 200, {
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: token,
    });
  };

  const authorize = (req: FakeRequest, res: ServerResponse, anyOf: string[]): boolean => {
    const auth = bearerOrScheme(req);
    const t = auth?.scheme === 'Bearer' ? tokens.get(auth.token) : undefined;
    if (!t || t.expiresAt <= Date.now()) {
      sendJson(
        res,
        401,
        graphError('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'),
      );
      return false;
    }
    if (!anyOf.some((r) => t.roles.includes(r))) {
      sendJson(
        res,
        403,
        graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      );
      return false;
    }
    return true;
  };
  const USERS_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'];
  const GROUPS_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];
  const USERS_WRITE = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];

  const projectUser = (u: GraphUser, select: string | null): Record<string, unknown> => {
    const props = select ? ['id', ...select.split(',').map((s) => s.trim())] : DEFAULT_USER_PROPS;
    return Object.fromEntries(props.filter((p) => p in u).map((p) => [p, u[p as keyof GraphUser]]));
  };

  const topOf = (req: FakeRequest, res: ServerResponse): number | null => {
    const raw = req.url.searchParams.get('$top');
    if (raw === null) return 100;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 999) {
      sendJson(
        res,
        400,
        graphError(
          'Request_BadRequest',
          `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`,
        ),
      );
      return null;
    }
    return n;
  };

  /** A plain collection page; the nextLink keeps every original parameter and adds $skiptoken. */
  const sendCollection = (
    req: FakeRequest,
    res: ServerResponse,
    items: Record<string, unknown>[],
    context: string,
  ): void => {
    const top = topOf(req, res);
    if (top === null) return;
    const skip = req.url.searchParams.get('$skiptoken');
    const offset = skip ? (dec<{ o: number }>(skip)?.o ?? 0) : 0;
    const page = items.slice(offset, offset + top);
    const body: Record<string, unknown> = {
      '@odata.context': `${baseUrl}/v1.0/$metadata#${context}`,
      value: page,
    };
    if (offset + top < items.length) {
      const next = new URL(req.url.pathname + req.url.search, baseUrl);
      next.searchParams.set('$skiptoken', enc({ o: offset + top }));
      body['@odata.nextLink'] = next.toString();
    }
    sendJson(res, 200, body);
  };

  const deltaLinkFor = (k: 'users' | 'groups', seq: number, sel: string | null): string => {
    const u = new URL(`/v1.0/${k}/delta`, baseUrl);
    u.searchParams.set('$deltatoken', enc({ k, seq, e: epoch, sel }));
    return u.toString();
  };

  const delta = (req: FakeRequest, res: ServerResponse, k: 'users' | 'groups'): void => {
    const q = req.url.searchParams;
    let ds: DeltaState;
    const skip = q.get('$skiptoken');
    const dt = q.get('$deltatoken');
    if (skip) {
      const s = dec<DeltaState>(skip);
      if (!s || s.k !== k) return sendJson(res, 400, graphError('badRequest', 'Invalid skip token.'));
      ds = s;
    } else if (dt === 'latest') {
      return sendJson(res, 200, {
        '@odata.context': `${baseUrl}/v1.0/$metadata#${k}`,
        value: [],
        '@odata.deltaLink': deltaLinkFor(k, state.seq(), q.get('$select')),
      });
    } else if (dt) {
      const t = dec<{ k: string; seq: number; e: number; sel: string | null }>(dt);
      if (!t || t.k !== k) return sendJson(res, 400, graphError('badRequest', 'Invalid delta token.'));
      ds = { k, from: t.seq, to: state.seq(), offset: 0, e: t.e, sel: t.sel };
    } else {
      if (q.get('$top'))
        return sendJson(
          res,
          400,
          graphError('Request_UnsupportedQuery', 'Unsupported query: $top is not supported with delta.'),
        );
      ds = { k, from: 0, to: state.seq(), offset: 0, e: epoch, sel: q.get('$select') };
    }
    if (ds.e !== epoch) {
      const restart = new URL(`/v1.0/${k}/delta`, baseUrl);
      restart.searchParams.set('$deltatoken', '');
      return sendJson(
        res,
        410,
        graphError('syncStateNotFound', 'The sync state generation is not found. Resync required.'),
        { location: restart.toString() },
      );
    }
    const items: Record<string, unknown>[] = [];
    if (k === 'users') {
      for (const [id, at] of state.userChanged)
        if (at > ds.from && at <= ds.to) items.push(projectUser(state.users.get(id)!, ds.sel));
      if (ds.from > 0)
        for (const [id, t] of state.userTombstones)
          if (t.seq > ds.from && t.seq <= ds.to) items.push({ id, '@removed': { reason: t.reason } });
    } else {
      const memberDelta = new Map<string, Map<string, { type: string; removed: boolean }>>();
      if (ds.from === 0) {
        for (const [gid, set] of state.members)
          memberDelta.set(gid, new Map([...set].map((u) => [u, { type: state.typeOf(u), removed: false }])));
      } else {
        for (const m of state.memberLog) {
          if (m.seq <= ds.from || m.seq > ds.to || !state.groups.has(m.groupId)) continue;
          if (!memberDelta.has(m.groupId)) memberDelta.set(m.groupId, new Map());
          memberDelta.get(m.groupId)!.set(m.userId, { type: m.type, removed: m.removed });
        }
      }
      for (const g of state.groups.values()) {
        const changed =
          (state.groupChanged.get(g.id) ?? 0) > ds.from && (state.groupChanged.get(g.id) ?? 0) <= ds.to;
        const md = memberDelta.get(g.id);
        if (!changed && !md?.size) continue;
        items.push({
          id: g.id,
          displayName: g.displayName,
          description: g.description,
          'members@delta': [...(md ?? [])].map(([id, { type, removed }]) => ({
            '@odata.type': type,
            id,
            ...(removed ? { '@removed': { reason: 'deleted' } } : {}),
          })),
        });
      }
      if (ds.from > 0)
        for (const [id, at] of state.groupTombstones)
          if (at > ds.from && at <= ds.to) items.push({ id, '@removed': { reason: 'deleted' } });
    }
    const size = opts.deltaPageSize ?? 200;
    const page = items.slice(ds.offset, ds.offset + size);
    const body: Record<string, unknown> = { '@odata.context': `${baseUrl}/v1.0/$metadata#${k}`, value: page };
    if (ds.offset + size < items.length) {
      const next = new URL(`/v1.0/${k}/delta`, baseUrl);
      next.searchParams.set('$skiptoken', enc({ ...ds, offset: ds.offset + size }));
      body['@odata.nextLink'] = next.toString();
    } else body['@odata.deltaLink'] = deltaLinkFor(k, ds.to, ds.sel);
    sendJson(res, 200, body);
  };

  const handle = async (req: FakeRequest, res: ServerResponse): Promise<void> => {
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(req.path)))
      return tokenEndpoint(req, res, decodeURIComponent(m[1]!));
    const fault = faults.take(req);
    if (fault?.kind === 'slow') await sleep(fault.delayMs);
    if (fault?.kind === 'expire-tokens') tokens.clear();
    res.setHeader('request-id', randomBytes(8).toString('hex'));
    if (fault?.kind === 'status')
      return sendJson(
        res,
        fault.status,
        fault.body ??
          graphError(
            fault.status === 429 ? 'TooManyRequests' : 'serviceNotAvailable',
            fault.status === 429 ? 'Too many requests.' : 'Service unavailable.',
          ),
        fault.headers,
      );
    if (fault && answerBodyFault(res, fault)) return;

    const p = req.path.replace(/^\/v1\.0/, '');
    if (req.method === 'GET' && p === '/users') {
      if (!authorize(req, res, USERS_READ)) return;
      return sendCollection(
        req,
        res,
        [...state.users.values()].map((u) => projectUser(u, req.url.searchParams.get('$select'))),
        'users',
      );
    }
    if (req.method === 'GET' && p === '/groups') {
      if (!authorize(req, res, GROUPS_READ)) return;
      return sendCollection(
        req,
        res,
        [...state.groups.values()].map((g) => ({ ...g })),
        'groups',
      );
    }
    if (req.method === 'GET' && (m = /^\/groups\/([^/]+)\/members$/.exec(p))) {
      if (!authorize(req, res, GROUPS_READ)) return;
      const set = state.members.get(m[1]!);
      if (!set)
        return sendJson(
          res,
          404,
          graphError(
            'Request_ResourceNotFound',
            `Resource '${m[1]}' does not exist or one of its queried reference-property objects are not present.`,
          ),
        );
      return sendCollection(
        req,
        res,
        [...set].map((id) => state.memberJson(id, req.url.searchParams.get('$select'))),
        'directoryObjects',
      );
    }
    if (req.method === 'GET' && p === '/users/delta')
      return authorize(req, res, USERS_READ) ? delta(req, res, 'users') : undefined;
    if (req.method === 'GET' && p === '/groups/delta')
      return authorize(req, res, GROUPS_READ) ? delta(req, res, 'groups') : undefined;
    if (req.method === 'PATCH' && (m = /^\/users\/([^/]+)$/.exec(p))) {
      if (!authorize(req, res, USERS_WRITE)) return;
      if (!state.users.has(m[1]!))
        return sendJson(
          res,
          404,
          graphError('Request_ResourceNotFound', `Resource '${m[1]}' does not exist.`),
        );
      const patch = JSON.parse(req.body || '{}') as Partial<GraphUser>;
      state.updateUser(m[1]!, patch);
      if (patch.accountEnabled === false) killSwitch.disabled.push(m[1]!);
      return sendEmpty(res, 204);
    }
    if (req.method === 'POST' && (m = /^\/users\/([^/]+)\/revokeSignInSessions$/.exec(p))) {
      if (!authorize(req, res, USERS_WRITE)) return;
      if (!state.users.has(m[1]!))
        return sendJson(
          res,
          404,
          graphError('Request_ResourceNotFound', `Resource '${m[1]}' does not exist.`),
        );
      killSwitch.revoked.push(m[1]!);
      return sendJson(res, 200, { '@odata.context': `${baseUrl}/v1.0/$metadata#Edm.Boolean`, value: true });
    }
    return sendJson(
      res,
      400,
      graphError('BadRequest', `Resource not found for the segment '${p.split('/')[1] ?? ''}'.`),
    );
  };

  const server = await startFakeServer(handle);
  baseUrl = server.url;
  return {
    url: server.url,
    graphUrl: `${server.url}/v1.0`,
    requests: server.requests,
    state,
    faults,
    killSwitch,
    tokenRequests,
    expireAccessTokens: () => tokens.clear(),
    /** Every deltaLink issued so far answers 410 Gone (as after Graph's 7-day token lifetime). */
    expireDeltaTokens: () => {
      epoch++;
    },
    seedUsers(n: number, enabled: (i: number) => boolean = () => true): string[] {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        ids.push(
          state.addUser({
            userPrincipalName: `user${i}@contoso.example`,
            mail: `user${i}@contoso.example`,
            givenName: `First${i}`,
            surname: `Last${i}`,
            displayName: `First${i} Last${i}`,
            department: i % 2 ? 'Engineering' : 'Sales',
            accountEnabled: enabled(i),
          }).id,
        );
      }
      return ids;
    },
    close: () => server.close(),
  };
};

export const thumbprintOf = (certDer: Buffer): string => createHash('sha1').update(certDer).digest('hex');

export type EntraFake = Awaited<ReturnType<typeof startEntraFake>>;
