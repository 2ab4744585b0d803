// In-memory Google Workspace directory for the fake: users (Directory API user resources), groups and members,
// with seed and mutation helpers tests use to change the "real" directory between reads.

export interface FakeGoogleUser {
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName: string };
  suspended: boolean;
  suspensionReason?: string;
  archived: boolean;
  isAdmin: boolean;
  isEnrolledIn2Sv: boolean;
  orgUnitPath: string;
  creationTime: string;
  lastLoginTime?: string;
  organizations?: { primary?: boolean; department?: string; title?: string; costCenter?: string }[];
  relations?: { type: string; value: string }[];
  externalIds?: { type: string; value: string }[];
  customSchemas?: Record<string, Record<string, unknown>>;
}

export interface FakeGoogleGroup {
  id: string;
  email: string;
  name: string;
  description: string;
}

export interface FakeGoogleMember {
  id: string;
  email: string;
  role: 'OWNER' | 'MANAGER' | 'MEMBER';
  type: 'USER' | 'GROUP' | 'CUSTOMER';
  status: string;
}

export class GoogleDirectoryState {
  readonly users = new Map<string, FakeGoogleUser>();
  readonly groups = new Map<string, FakeGoogleGroup>();
  readonly members = new Map<string, FakeGoogleMember[]>();
  /** Kill-switch calls, in order: what the fake was asked to do. */
  readonly killSwitch: { action: 'suspend' | 'signOut'; userKey: string }[] = [];

  findUser(key: string): FakeGoogleUser | undefined {
    return this.users.get(key) ?? [...this.users.values()].find((u) => u.primaryEmail === key);
  }
  findGroup(key: string): FakeGoogleGroup | undefined {
    return this.groups.get(key) ?? [...this.groups.values()].find((g) => g.email === key);
  }

  addUser(u: FakeGoogleUser): void {
    this.users.set(u.id, u);
  }
  updateUser(id: string, patch: Partial<FakeGoogleUser>): void {
    const u = this.users.get(id);
    if (!u) throw new Error(`no fake user ${id}`);
    Object.assign(u, patch);
  }
  /** Deleted users disappear from users.list (showDeleted is not used by Lanyard). */
  deleteUser(id: string): void {
    this.users.delete(id);
    for (const list of this.members.values()) {
      const i = list.findIndex((m) => m.id === id);
      if (i >= 0) list.splice(i, 1);
    }
  }
  addGroup(g: FakeGoogleGroup): void {
    this.groups.set(g.id, g);
    if (!this.members.has(g.id)) this.members.set(g.id, []);
  }
  addMember(groupId: string, userId: string, type: FakeGoogleMember['type'] = 'USER'): void {
    const email =
      type === 'USER'
        ? (this.users.get(userId)?.primaryEmail ?? `${userId}@outside.example`)
        : `${userId}@groups.example`;
    this.members.get(groupId)!.push({ id: userId, email, role: 'MEMBER', type, status: 'ACTIVE' });
  }
  removeMember(groupId: string, userId: string): void {
    const list = this.members.get(groupId) ?? [];
    const i = list.findIndex((m) => m.id === userId);
    if (i >= 0) list.splice(i, 1);
  }
}

const pad = (n: number, w = 5) => String(n).padStart(w, '0');

/** A realistic user: org info, manager relation, employee id and a custom schema (Employment). */
export const makeGoogleUser = (i: number, overrides: Partial<FakeGoogleUser> = {}): FakeGoogleUser => ({
  id: `10${pad(i, 10)}`,
  primaryEmail: `user${pad(i)}@acme.example`,
  name: { givenName: `Given${i}`, familyName: `Family${i}`, fullName: `Given${i} Family${i}` },
  suspended: false,
  archived: false,
  isAdmin: i === 0,
  isEnrolledIn2Sv: i % 2 === 0,
  orgUnitPath: i % 3 === 0 ? '/Engineering' : '/',
  creationTime: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
  organizations: [
    { primary: false, department: 'Old Dept', title: 'Old Title' },
    {
      primary: true,
      department: ['Engineering', 'Sales', 'Support'][i % 3]!,
      title: `Title ${i % 7}`,
      costCenter: `CC${i % 4}`,
    },
  ],
  relations: i === 0 ? [] : [{ type: 'manager', value: `user${pad(0)}@acme.example` }],
  externalIds: [
    { type: 'custom', value: `X${i}` },
    { type: 'organization', value: `E${pad(i)}` },
  ],
  customSchemas: {
    Employment: {
      costCenter: `CC${i % 4}`,
      startYear: 2020 + (i % 5),
      badges: [
        { value: 'a', type: 'work' },
        { value: 'b', type: 'work' },
      ],
    },
  },
  ...overrides,
});

/** Seeds `people` users and `groups` groups; person i belongs to group i % groups (and group 0 has a nested group). */
export const seedGoogle = (state: GoogleDirectoryState, people: number, groups: number): void => {
  for (let i = 0; i < people; i++) state.addUser(makeGoogleUser(i));
  for (let g = 0; g < groups; g++)
    state.addGroup({
      id: `0g${pad(g)}`,
      email: `team${g}@acme.example`,
      name: `Team ${g}`,
      description: `Group ${g}`,
    });
  for (let i = 0; i < people && groups > 0; i++)
    state.addMember(`0g${pad(i % groups)}`, makeGoogleUser(i).id);
  if (groups > 1) state.addMember(`0g${pad(0)}`, `0g${pad(1)}`, 'GROUP');
};
