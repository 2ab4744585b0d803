// SCIM discovery (RFC 7643 §5–7): /ServiceProviderConfig, /ResourceTypes, /Schemas. Many apps lack some of them
// or answer 404, 501 or an HTML page; that is not an error — Lanyard then relies on the preset (and the probe).
import type { ScimTransport } from './transport';
import { ScimAppError } from './errors';
import { URN } from './wire';

export interface Discovery {
  /** Null when the app has no usable /ServiceProviderConfig. */
  spc: {
    patch: boolean | null;
    filter: boolean | null;
    maxResults: number | null;
    etag: boolean | null;
    authSchemes: string[];
  } | null;
  /** Whether the User resource type or the schemas list the enterprise extension (null: not stated). */
  enterpriseExtension: boolean | null;
  /** Whether a Group resource type is offered (null: not stated). */
  groups: boolean | null;
  /** Admin-readable lines about what was found or missing. */
  notes: string[];
}

/**
 * Undefined when the endpoint is absent or broken (404, 501, an HTML page, a 5xx…): discovery is optional, and
 * an app whose /ServiceProviderConfig fails may still serve /Users. A rejected token and an unreachable server
 * are rethrown: nothing else would work either.
 */
const tryGet = async (t: ScimTransport, path: string, notes: string[]): Promise<unknown> => {
  try {
    const res = await t.request({ path, action: `read /${path}` });
    return res.body;
  } catch (err) {
    if (
      !(err instanceof ScimAppError) ||
      err.status === 401 ||
      err.kind === 'network' ||
      err.kind === 'insecure-url'
    )
      throw err;
    notes.push(`No usable /${path} (${err.status ?? err.kind}): using the preset's defaults.`);
    return undefined;
  }
};

const flag = (v: unknown): boolean | null => {
  if (!v || typeof v !== 'object') return null;
  const s = (v as { supported?: unknown }).supported;
  return typeof s === 'boolean' ? s : typeof s === 'string' ? s.toLowerCase() === 'true' : null;
};

const resourcesOf = (body: unknown): Record<string, unknown>[] => {
  const list = Array.isArray(body) ? body : (body as { Resources?: unknown } | undefined)?.Resources;
  return Array.isArray(list)
    ? list.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
    : [];
};

export const discover = async (t: ScimTransport): Promise<Discovery> => {
  const notes: string[] = [];
  let spcBody = await tryGet(t, 'ServiceProviderConfig', notes);
  // Slack SCIM v1 names it in the plural.
  if (spcBody === undefined) spcBody = await tryGet(t, 'ServiceProviderConfigs', []);
  let spc: Discovery['spc'] = null;
  if (spcBody && typeof spcBody === 'object') {
    const b = spcBody as Record<string, unknown>;
    const filter = b.filter as { maxResults?: unknown } | undefined;
    const schemes = Array.isArray(b.authenticationSchemes) ? b.authenticationSchemes : [];
    spc = {
      patch: flag(b.patch),
      filter: flag(b.filter),
      maxResults: typeof filter?.maxResults === 'number' && filter.maxResults > 0 ? filter.maxResults : null,
      etag: flag(b.etag),
      authSchemes: schemes.map((s) => String((s as { type?: unknown }).type ?? '')).filter(Boolean),
    };
    notes.push(
      `ServiceProviderConfig: patch ${spc.patch ?? '?'}, filter ${spc.filter ?? '?'}, etag ${spc.etag ?? '?'}` +
        (spc.maxResults ? `, maxResults ${spc.maxResults}` : ''),
    );
  }

  let enterpriseExtension: boolean | null = null;
  let groups: boolean | null = null;
  const types = resourcesOf(await tryGet(t, 'ResourceTypes', notes));
  if (types.length) {
    const user = types.find((r) => r.id === 'User' || r.name === 'User' || r.endpoint === '/Users');
    groups = types.some((r) => r.id === 'Group' || r.name === 'Group' || r.endpoint === '/Groups');
    const exts = Array.isArray(user?.schemaExtensions)
      ? (user.schemaExtensions as { schema?: unknown }[])
      : [];
    enterpriseExtension = exts.some((e) => e.schema === URN.enterprise);
    notes.push(`ResourceTypes: ${types.map((r) => String(r.name ?? r.id)).join(', ')}`);
  }
  const schemas = resourcesOf(await tryGet(t, 'Schemas', notes));
  if (schemas.length && enterpriseExtension !== true) {
    enterpriseExtension = schemas.some((s) => s.id === URN.enterprise);
  }
  return { spc, enterpriseExtension, groups, notes };
};
