// SCIM 2.0 wire shapes (RFC 7643 resources, RFC 7644 messages) and their schema URNs, as Lanyard reads them:
// loosely typed, because vendors omit, rename and mistype fields.

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  spc: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
} as const;

export const SCIM_JSON = 'application/scim+json';

export interface ScimMultiValue {
  value?: unknown;
  type?: string;
  primary?: boolean;
  display?: string;
}

export interface ScimEnterprise {
  employeeNumber?: string;
  department?: string;
  manager?: { value?: string; displayName?: string } | string;
  [k: string]: unknown;
}

export interface ScimUser {
  schemas?: string[];
  id?: unknown;
  externalId?: unknown;
  userName?: unknown;
  name?: { givenName?: string; familyName?: string; formatted?: string; [k: string]: unknown };
  displayName?: unknown;
  title?: unknown;
  active?: unknown;
  emails?: ScimMultiValue[];
  roles?: ScimMultiValue[];
  groups?: ScimMultiValue[];
  meta?: { version?: string; [k: string]: unknown };
  [URN.enterprise]?: ScimEnterprise;
  [k: string]: unknown;
}

export interface ScimGroup {
  schemas?: string[];
  id?: unknown;
  displayName?: unknown;
  members?: ScimMultiValue[];
  meta?: { version?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface ScimListResponse<T> {
  schemas?: string[];
  totalResults?: unknown;
  startIndex?: unknown;
  itemsPerPage?: unknown;
  Resources?: T[];
}

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path?: string;
  value?: unknown;
}

export interface PatchRequest {
  schemas: [typeof URN.patchOp];
  Operations: PatchOperation[];
}

export const patchRequest = (ops: PatchOperation[]): PatchRequest => ({
  schemas: [URN.patchOp],
  Operations: ops,
});

/** RFC 7644 §3.4.2.2: string values are double-quoted; quotes and backslashes inside are escaped. */
export const scimString = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export const eqFilter = (attribute: 'userName' | 'externalId' | 'displayName', value: string): string =>
  `${attribute} eq ${scimString(value)}`;
