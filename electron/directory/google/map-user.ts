// Maps a Google Directory user (projection=full, api-contracts.md §3.1) and group to Lanyard's plain shapes.
import type { DirectoryGroup, DirectoryPerson, PersonStatus } from '../types';

type Scalar = string | number | boolean | null;
type AttrValue = Scalar | string[];

export interface GoogleUser {
  id: string;
  primaryEmail: string;
  name?: { givenName?: string; familyName?: string; fullName?: string };
  suspended?: boolean;
  suspensionReason?: string;
  archived?: boolean;
  isAdmin?: boolean;
  orgUnitPath?: string;
  creationTime?: string;
  lastLoginTime?: string;
  aliases?: string[];
  organizations?: {
    primary?: boolean;
    department?: string;
    title?: string;
    costCenter?: string;
    name?: string;
  }[];
  relations?: { type?: string; value?: string; customType?: string }[];
  externalIds?: { type?: string; value?: string; customType?: string }[];
  customSchemas?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface GoogleGroup {
  id: string;
  email: string;
  name?: string;
  description?: string;
}

/**
 * suspended → suspended. archived → suspended as well: an archived user cannot sign in and Google keeps their data
 * (it is Google's "former employee" state), so for app access it means the same as suspended; the vendor status
 * says "archived" so the explainer can tell them apart. Deleted users are not listed at all, so the directory
 * service sees them as gone (deleted) on the next full read. Enrolment flags such as isEnrolledIn2Sv are ignored.
 */
export const googleStatus = (u: GoogleUser): { status: PersonStatus; vendorStatus: string } => {
  if (u.suspended) return { status: 'suspended', vendorStatus: 'suspended' };
  if (u.archived) return { status: 'suspended', vendorStatus: 'archived' };
  return { status: 'active', vendorStatus: 'active' };
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Custom schema values are scalars or, for multi-valued fields, [{value, type}] lists; flatten to Schema.field. */
const flattenCustomSchemas = (
  schemas: GoogleUser['customSchemas'],
  into: Record<string, AttrValue>,
): void => {
  for (const [schema, fields] of Object.entries(schemas ?? {})) {
    for (const [field, value] of Object.entries(fields ?? {})) {
      const key = `${schema}.${field}`;
      if (Array.isArray(value)) {
        into[key] = value.map((v) =>
          String(typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v),
        );
      } else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
        into[key] = value as Scalar;
      } else {
        into[key] = JSON.stringify(value);
      }
    }
  }
};

export const mapGoogleUser = (u: GoogleUser): DirectoryPerson => {
  const org = u.organizations?.find((o) => o.primary) ?? u.organizations?.[0];
  const manager = u.relations?.find((r) => r.type === 'manager');
  const employeeId = u.externalIds?.find((e) => e.type === 'organization');
  const { status, vendorStatus } = googleStatus(u);
  const attributes: Record<string, AttrValue> = {
    orgUnitPath: u.orgUnitPath ?? null,
    isAdmin: u.isAdmin ?? false,
    archived: u.archived ?? false,
    suspensionReason: u.suspensionReason ?? null,
    creationTime: u.creationTime ?? null,
    lastLoginTime: u.lastLoginTime ?? null,
    aliases: u.aliases ?? [],
    costCenter: org?.costCenter ?? null,
  };
  flattenCustomSchemas(u.customSchemas, attributes);
  return {
    id: u.id,
    login: u.primaryEmail,
    email: str(u.primaryEmail),
    givenName: str(u.name?.givenName),
    familyName: str(u.name?.familyName),
    displayName: str(u.name?.fullName),
    department: str(org?.department),
    title: str(org?.title),
    manager: str(manager?.value),
    employeeNumber: str(employeeId?.value),
    status,
    vendorStatus,
    // Google's user resource carries no status-change time.
    statusChangedAt: null,
    attributes,
  };
};

/**
 * A group is named by its email: Google group names are not unique, addresses are, and admins write rules with
 * them. The display name goes in front of the description so the UI can still show it.
 */
export const mapGoogleGroup = (g: GoogleGroup): DirectoryGroup => {
  const description = [str(g.name), str(g.description)].filter((s): s is string => s !== null).join(' — ');
  return { id: g.id, name: g.email, description: description === '' ? null : description };
};
