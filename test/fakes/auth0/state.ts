// In-memory Auth0 tenant for the fake: users (Management API user objects), roles and role members, with seed
// and mutation helpers tests use to change the tenant between reads.

export interface FakeAuth0User {
  user_id: string;
  email: string;
  email_verified: boolean;
  username?: string;
  name: string;
  nickname: string;
  given_name?: string;
  family_name?: string;
  blocked?: boolean;
  created_at: string;
  updated_at: string;
  last_login?: string;
  logins_count: number;
  identities: { connection: string; user_id: string; provider: string; isSocial: boolean }[];
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
}

export interface FakeAuth0Role {
  id: string;
  name: string;
  description: string;
}

export class Auth0TenantState {
  readonly users = new Map<string, FakeAuth0User>();
  readonly roles = new Map<string, FakeAuth0Role>();
  readonly roleMembers = new Map<string, string[]>();
  /** Kill-switch calls, in order. */
  readonly killSwitch: { action: 'block' | 'delete-sessions' | 'delete-refresh-tokens'; userId: string }[] =
    [];
  /** Bumped by every user mutation, so the fake can cache its sorted listings. */
  version = 0;

  addUser(u: FakeAuth0User): void {
    this.users.set(u.user_id, u);
    this.version++;
  }
  updateUser(id: string, patch: Partial<FakeAuth0User>): void {
    const u = this.users.get(id);
    if (!u) throw new Error(`no fake user ${id}`);
    Object.assign(u, patch, { updated_at: new Date().toISOString() });
    this.version++;
  }
  deleteUser(id: string): void {
    this.users.delete(id);
    this.version++;
    for (const list of this.roleMembers.values()) {
      const i = list.indexOf(id);
      if (i >= 0) list.splice(i, 1);
    }
  }
  addRole(r: FakeAuth0Role): void {
    this.roles.set(r.id, r);
    if (!this.roleMembers.has(r.id)) this.roleMembers.set(r.id, []);
  }
  assignRole(roleId: string, userId: string): void {
    const list = this.roleMembers.get(roleId)!;
    if (!list.includes(userId)) list.push(userId);
  }
  unassignRole(roleId: string, userId: string): void {
    const list = this.roleMembers.get(roleId) ?? [];
    const i = list.indexOf(userId);
    if (i >= 0) list.splice(i, 1);
  }
}

const hex = (i: number) => i.toString(16).padStart(24, '0');
export const auth0UserId = (i: number) => `auth0|${hex(i)}`;

/**
 * A realistic user. Users are created in threes within the same second (created_at ties), so that paging by
 * created_at must handle equal timestamps at window boundaries.
 */
export const makeAuth0User = (i: number, overrides: Partial<FakeAuth0User> = {}): FakeAuth0User => {
  const created = new Date(Date.UTC(2021, 0, 1) + Math.floor(i / 3) * 1000).toISOString();
  return {
    user_id: auth0UserId(i),
    email: `person${i}@acme.example`,
    email_verified: i % 4 !== 0,
    username: `person${i}`,
    name: `Person ${i}`,
    nickname: `person${i}`,
    given_name: `Given${i}`,
    family_name: `Family${i}`,
    blocked: false,
    created_at: created,
    updated_at: created,
    logins_count: i % 10,
    identities: [
      { connection: 'Username-Password-Authentication', user_id: hex(i), provider: 'auth0', isSocial: false },
    ],
    app_metadata: {
      department: ['Engineering', 'Sales', 'Support'][i % 3],
      title: `Title ${i % 5}`,
      manager: i === 0 ? null : 'person0@acme.example',
      employee_number: `E${i}`,
      hr: { site: 'Berlin' },
    },
    user_metadata: { theme: 'dark', languages: ['de', 'en'] },
    ...overrides,
  };
};

/** Seeds `people` users and `roles` roles; person i holds role i % roles. */
export const seedAuth0 = (state: Auth0TenantState, people: number, roles: number): void => {
  for (let i = 0; i < people; i++) state.addUser(makeAuth0User(i));
  for (let r = 0; r < roles; r++)
    state.addRole({
      id: `rol_${String(r).padStart(16, '0')}`,
      name: `Role ${r}`,
      description: `Role number ${r}`,
    });
  for (let i = 0; i < people && roles > 0; i++)
    state.assignRole(`rol_${String(i % roles).padStart(16, '0')}`, auth0UserId(i));
};
