// SCIM vendor presets as data: what each app documents about its SCIM 2.0 API (base URL, update dialect, groups,
// page size, rate limits, what DELETE means, quirks) with the source of each fact. Facts not checked against the
// vendor's own documentation are listed under `unconfirmed` (see docs api-contracts.md §5.10 and §7): the probe
// (Probe on the app's page, `lanyard apps probe`) is how an admin confirms them for their tenant.
import type { DeleteMeaning, UpdateDialect } from '../../../shared/api/methods-apps';

export interface ScimPreset {
  id: string;
  label: string;
  /** With {placeholders} the admin fills in. */
  baseUrlTemplate: string;
  update: UpdateDialect;
  groups: boolean;
  filter: boolean;
  etag: boolean;
  enterpriseExtension: boolean;
  /** Page size Lanyard asks for (≤ the documented maximum). */
  pageSize: number;
  rateLimit?: { requestsPerMinute?: number; writesPerMinute?: number; burst?: number };
  deleteMeans: DeleteMeaning;
  /** Extra headers the vendor requires. */
  headers?: Record<string, string>;
  quirks: string[];
  sources: string[];
  unconfirmed: string[];
}

const generic: ScimPreset = {
  id: 'generic',
  label: 'Generic SCIM 2.0',
  baseUrlTemplate: 'https://{host}/scim/v2',
  update: 'patch',
  groups: true,
  filter: true,
  etag: false,
  enterpriseExtension: true,
  pageSize: 100,
  deleteMeans: 'delete',
  quirks: [
    'Follows RFC 7643/7644; probe the app once it is saved to detect what the server really supports.',
  ],
  sources: ['https://www.rfc-editor.org/rfc/rfc7643', 'https://www.rfc-editor.org/rfc/rfc7644'],
  unconfirmed: [],
};

export const SCIM_PRESETS: Record<string, ScimPreset> = {
  generic,
  slack: {
    id: 'slack',
    label: 'Slack',
    baseUrlTemplate: 'https://api.slack.com/scim/v2',
    update: 'patch',
    groups: true,
    filter: true,
    etag: false,
    enterpriseExtension: true,
    // count is capped at 1000; the default page is only 10.
    pageSize: 1000,
    // Org-wide across all SCIM apps: writes 600/min (burst 180), reads 1000/min.
    rateLimit: { requestsPerMinute: 1000, writesPerMinute: 600, burst: 100 },
    deleteMeans: 'deactivate',
    quirks: [
      'DELETE /Users/{id} deactivates the Slack user; it does not delete. DELETE /Groups/{id} removes the group.',
      'Needs a Business+ or Enterprise plan and a token with the admin scope.',
      'Rate limits are org-wide across every SCIM app; honour Retry-After on 429.',
      'v1 discovery is /ServiceProviderConfigs (plural) and has no /ResourceTypes.',
    ],
    sources: [
      'https://docs.slack.dev/reference/scim-api',
      'https://docs.slack.dev/reference/scim-api/rate-limits',
      'https://api.slack.com/changelog/2019-06-have-scim-will-paginate',
    ],
    unconfirmed: ['v2 base URL /scim/v2/', 'Groups endpoint rate limits', 'v1 vs v2 PATCH body differences'],
  },
  atlassian: {
    id: 'atlassian',
    label: 'Atlassian Cloud (user provisioning)',
    baseUrlTemplate: 'https://api.atlassian.com/scim/directory/{directoryId}',
    update: 'patch',
    groups: true,
    filter: true,
    etag: false,
    enterpriseExtension: true,
    pageSize: 100,
    deleteMeans: 'deactivate',
    quirks: [
      'Bearer token is the directory API key (not the org admin API key).',
      'Filter: a single eq on userName or externalId; no sorting.',
      'Users can only be created with an email on a verified domain; an existing user gives 409.',
      'DELETE deactivates; later operations on that user return 404.',
    ],
    sources: [
      'https://developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/',
      'https://support.atlassian.com/atlassian-cloud/kb/how-to-fetch-all-users-via-user-provisioning-scim-api/',
    ],
    unconfirmed: ['rate limits'],
  },
  zoom: {
    id: 'zoom',
    label: 'Zoom',
    baseUrlTemplate: 'https://api.zoom.us/scim2',
    update: 'patch',
    groups: true,
    filter: true,
    etag: false,
    enterpriseExtension: true,
    pageSize: 100,
    deleteMeans: 'delete',
    headers: { accept: 'application/scim+json' },
    quirks: [
      'OAuth (server-to-server) with the SCIM2 scope; Owner/Admin on a Business or Education account with SSO.',
      'The user schema carries Zoom licence extension fields.',
    ],
    sources: ['https://developers.zoom.us/docs/api/rest/scim-api/'],
    unconfirmed: ['rate limits', 'base path /scim2 vs /v2/scim2', 'page size maximum', 'DELETE semantics'],
  },
  notion: {
    id: 'notion',
    label: 'Notion',
    baseUrlTemplate: 'https://api.notion.com/scim/v2',
    update: 'patch',
    groups: true,
    filter: true,
    etag: false,
    enterpriseExtension: false,
    pageSize: 100,
    deleteMeans: 'delete',
    quirks: [
      'Enterprise plan; the token belongs to the workspace owner who made it and is revoked when they leave.',
      'Guests cannot be managed; changing name or email needs a verified email domain.',
      'DELETE removes the member from the workspace (the Notion account itself remains).',
    ],
    sources: ['https://www.notion.so/help/provision-users-and-groups-with-scim'],
    unconfirmed: ['base URL', 'rate limits', 'page size', 'enterprise extension support'],
  },
  figma: {
    id: 'figma',
    label: 'Figma',
    baseUrlTemplate: 'https://www.figma.com/scim/v2/{tenantId}',
    update: 'patch',
    groups: false,
    filter: true,
    etag: false,
    enterpriseExtension: true,
    pageSize: 100,
    deleteMeans: 'deactivate',
    quirks: [
      'Organization or Enterprise plan with SAML SSO; the SCIM token is made in the SAML SSO settings.',
    ],
    sources: ['https://help.figma.com/hc/en-us/articles/360048514653-Set-up-automatic-provisioning-via-SCIM'],
    unconfirmed: ['base URL', 'groups support', 'DELETE semantics', 'rate limits', 'page size'],
  },
  '1password': {
    id: '1password',
    label: '1Password (SCIM bridge)',
    baseUrlTemplate: 'https://{scim-bridge-host}/scim/v2',
    update: 'patch',
    groups: true,
    filter: true,
    etag: false,
    enterpriseExtension: false,
    pageSize: 100,
    deleteMeans: 'deactivate',
    quirks: [
      'The SCIM bridge is self-hosted; the base URL is your bridge, the token the bearer token from its setup.',
      'Deprovisioned users are suspended, not deleted; only an Owner can delete them in 1Password.',
      'Group names must match the identity provider exactly.',
    ],
    sources: ['https://support.1password.com/scim/'],
    unconfirmed: ['DELETE semantics at the API level', 'rate limits', 'page size'],
  },
  linear: {
    id: 'linear',
    label: 'Linear',
    baseUrlTemplate: '{SCIM base connector URL from Settings → Security}',
    update: 'patch',
    groups: true,
    filter: true,
    etag: false,
    enterpriseExtension: false,
    pageSize: 100,
    deleteMeans: 'deactivate',
    quirks: [
      'Enterprise plan with SAML SSO; the base URL and bearer token come from "View configuration".',
      'Groups map 1:1 to Linear teams (group push).',
      'Users are suspended rather than deleted; while SCIM is on, users cannot be managed in Linear itself.',
    ],
    sources: ['https://linear.app/docs/scim'],
    unconfirmed: ['base URL shape', 'DELETE semantics', 'rate limits', 'page size'],
  },
  'github-emu': {
    id: 'github-emu',
    label: 'GitHub Enterprise Managed Users (SCIM)',
    baseUrlTemplate: 'https://api.github.com/scim/v2/enterprises/{enterprise}',
    update: 'patch',
    groups: true,
    filter: true,
    etag: false,
    enterpriseExtension: false,
    pageSize: 100,
    // "Do not assign more than 1,000 users per hour": ~16 writes/min.
    rateLimit: { writesPerMinute: 16, burst: 16 },
    deleteMeans: 'delete',
    headers: {},
    quirks: [
      'PAT (classic) of the setup user with scim:enterprise; a User-Agent header is required; paths are case-sensitive.',
      'active:false soft-deprovisions (suspends, obfuscates login and email); DELETE is irreversible.',
      'Provision users before groups.',
    ],
    sources: [
      'https://docs.github.com/enterprise-cloud@latest/admin/managing-iam/provisioning-user-accounts-with-scim/provisioning-users-and-groups-with-scim-using-the-rest-api',
      'https://docs.github.com/enterprise-cloud@latest/rest/enterprise-admin/scim',
    ],
    unconfirmed: ['page size maximum'],
  },
};

export const presetIds = (): string[] => Object.keys(SCIM_PRESETS);

/** The named preset, or generic for an unknown name (config validation only checks the shape of the name). */
export const getPreset = (id: string | undefined): ScimPreset => SCIM_PRESETS[id ?? 'generic'] ?? generic;
