// Role demotion: a role change that lowers someone's access counts as destructive (guardrails hold it in bulk).
// Roles are app-defined strings, so they are ranked by well-known names (GitHub's admin / member, SCIM apps'
// owner / admin / member / viewer …). A change between two roles of the same or unknown rank is not a demotion,
// except away from an owner/admin-level role, which is always treated as one (losing admin is never harmless).
const RANKS: [RegExp, number][] = [
  [/^(owner|super[-_ ]?admin|primary[-_ ]?owner|org[-_ ]?owner)$/, 5],
  [/^(admin|administrator|org[-_ ]?admin|workspace[-_ ]?admin|site[-_ ]?admin)$/, 4],
  [/^(maintainer|manager|moderator|editor|billing[-_ ]?manager|lead)$/, 3],
  [/^(member|user|engineer|developer|contributor|standard|write)$/, 2],
  [/^(viewer|guest|read|read[-_ ]?only|reader|outside[-_ ]?collaborator|restricted|limited)$/, 1],
];

/** The rank of a role name (higher = more access), or null when the name is not a well-known one. */
export const roleRank = (role: string | null | undefined): number | null => {
  if (!role) return null;
  const r = role.trim().toLowerCase();
  for (const [re, rank] of RANKS) if (re.test(r)) return rank;
  return null;
};

/** Whether changing `from` → `to` lowers access. */
export const isDemotion = (from: string | null | undefined, to: string | null | undefined): boolean => {
  const a = roleRank(from);
  const b = roleRank(to);
  if (a !== null && a >= 4) return b === null || b < a;
  if (a === null || b === null) return false;
  return b < a;
};
