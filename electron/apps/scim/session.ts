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
  groupBatchSize: number;
}

export const DEFAULT_GROUP_BATCH = 100;

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
