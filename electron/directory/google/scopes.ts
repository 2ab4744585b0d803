// The OAuth endpoint and scopes of the Google Directory API (api-contracts.md §3.1, §3.4, §3.5).

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const SCOPE_BASE = 'https://www.googleapis.com/auth/';
export const GOOGLE_SCOPES = {
  userRead: `${SCOPE_BASE}admin.directory.user.readonly`,
  groupRead: `${SCOPE_BASE}admin.directory.group.readonly`,
  user: `${SCOPE_BASE}admin.directory.user`,
  userSecurity: `${SCOPE_BASE}admin.directory.user.security`,
} as const;
export const shortScope = (scope: string): string => scope.replaceAll(SCOPE_BASE, '');
