// What the SCIM operations share for one app: the transport, the effective capabilities (preset → discovery →
// stored probe results, discovered once per session) and what this session learned (e.g. filters are ignored).
import type { AppCapabilities, ScimAppConfig } from '../types-config';
import type { ConnectorDeps } from '../types';
import { presetCapabilities, withDiscovery, withStored } from './capabilities';
import { discover, type Discovery } from './discovery';
import { getPreset, type ScimPreset } from './presets';
import { createScimTransport, type ScimTransport } from './transport';

export interface ScimSession {
  config: ScimAppConfig;
  preset: ScimPreset;
  t: ScimTransport;
  /** Effective capabilities; runs discovery on first use. */
  caps(): Promise<AppCapabilities>;
  discovery(): Promise<Discovery>;
  /** Learned at run time: the server ignores or rejects filters, so lookups list and match. */
  filterBroken: boolean;
  /**
   * Learned at run time: the server ignores or refuses PATCH value paths (`emails[type eq "work"].value`), so
   * emails and roles are sent as the whole list as read, with only Lanyard's value changed.
   */
  valuePathsBroken: boolean;
  groupBatchSize: number;
}

export const DEFAULT_GROUP_BATCH = 100;

/**
 * A resource's version for If-Match (RFC 7644 §3.14): the ETag header, else meta.version in the body; null when
 * the answer carries neither (e.g. 204 No Content without an ETag) — then the caller must read it again.
 */
export const versionOf = (headers: Headers, body: unknown): string | null => {
  const etag = headers.get('etag');
  if (etag) return etag;
  const meta = body && typeof body === 'object' ? (body as { meta?: { version?: unknown } }).meta : undefined;
  return typeof meta?.version === 'string' && meta.version !== '' ? meta.version : null;
};

export const createScimSession = (config: ScimAppConfig, deps: ConnectorDeps): ScimSession => {
  const preset = getPreset(config.preset);
  const t = createScimTransport(config, preset, deps);
  let discovered: Promise<Discovery> | undefined;
  let caps: Promise<AppCapabilities> | undefined;
  const session: ScimSession = {
    config,
    preset,
    t,
    filterBroken: false,
    valuePathsBroken: false,
    groupBatchSize: config.groupBatchSize ?? DEFAULT_GROUP_BATCH,
    discovery() {
      discovered ??= discover(t).catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
      return discovered;
    },
    caps() {
      // A stored probe result already includes what discovery said: no need to ask again every session.
      const stored = deps.storedCapabilities;
      if (stored?.update !== undefined && stored.filter !== undefined) {
        caps ??= Promise.resolve(withStored(presetCapabilities(preset, config), stored));
        return caps;
      }
      caps ??= session
        .discovery()
        .then((d) =>
          withStored(withDiscovery(presetCapabilities(preset, config), d), deps.storedCapabilities),
        )
        .catch((err: unknown) => {
          caps = undefined;
          throw err;
        });
      return caps;
    },
  };
  return session;
};
