// The capabilities a SCIM client relies on, in layers: the preset (documented behaviour), then what the server
// states in discovery, then what a probe observed and stored (apps.capabilities), which wins.
import type { AppCapabilities } from '../../../shared/api/methods-apps';
import type { ScimAppConfig } from '../../../shared/config/workspace';
import type { ScimPreset } from './presets';
import type { Discovery } from './discovery';

export const presetCapabilities = (
  preset: ScimPreset,
  config: Pick<ScimAppConfig, 'pageSize'>,
): AppCapabilities => ({
  kind: 'scim',
  update: preset.update,
  filter: preset.filter,
  groups: preset.groups,
  etag: preset.etag,
  enterpriseExtension: preset.enterpriseExtension,
  pageSize: config.pageSize ?? preset.pageSize,
  deleteMeans: preset.deleteMeans,
  sources: ['preset'],
});

/**
 * Discovery only narrows what the preset promises (a server saying "no PATCH" is believed; one claiming PATCH
 * support is not enough to override a preset that knows it is broken) — except ETags, which only the server knows.
 */
export const withDiscovery = (caps: AppCapabilities, d: Discovery): AppCapabilities => {
  const next = { ...caps, sources: [...caps.sources] };
  let used = false;
  if (d.spc) {
    used = true;
    if (d.spc.patch === false) next.update = 'put-only';
    if (d.spc.filter === false) next.filter = false;
    if (d.spc.etag !== null) next.etag = d.spc.etag;
    if (d.spc.maxResults) next.pageSize = Math.min(next.pageSize, d.spc.maxResults);
  }
  if (d.groups === false) next.groups = false;
  if (d.enterpriseExtension !== null) next.enterpriseExtension = d.enterpriseExtension;
  if (used || d.groups !== null || d.enterpriseExtension !== null) next.sources.push('discovery');
  return next;
};

export const withStored = (
  caps: AppCapabilities,
  stored: Partial<AppCapabilities> | null | undefined,
): AppCapabilities => {
  if (!stored) return caps;
  const { sources: _ignored, kind: _kind, ...rest } = stored;
  const defined = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined),
  ) as Partial<AppCapabilities>;
  return { ...caps, ...defined, sources: [...caps.sources, 'probe'] };
};
