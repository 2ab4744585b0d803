// The demo company's people: ~200 deterministic, realistic employees of "Acme" with departments, titles, managers,
// office or remote, GitHub logins for engineers, and the directory groups they belong to. Pure data: the same list
// on every run, so the tour's names (and the scripted leaver) are always the same.

export const DEMO_DOMAIN = 'acme.example';

export const DEMO_GROUPS = [
  'Everyone',
  'Engineering',
  'Platform Leads',
  'Sales',
  'Support',
  'Finance',
  'People Ops',
  'Office',
  'Managers',
] as const;
export type DemoGroup = (typeof DEMO_GROUPS)[number];

export type Department = 'Engineering' | 'Sales' | 'Support' | 'Finance' | 'People Ops';

export interface DemoPerson {
  /** Position in the list: stable across runs. */
  index: number;
  firstName: string;
  lastName: string;
  email: string;
  department: Department;
  title: string;
  employeeNumber: string;
  /** Email of the manager, null for the CEO. */
  managerEmail: string | null;
  /** Engineers only. */
  githubUsername: string | null;
  office: boolean;
  groups: DemoGroup[];
}

// prettier-ignore
const FIRST = [
  'Ana', 'Ben', 'Chloé', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Liam', 'Maya',
  'Noah', 'Olu', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tomás', 'Uma', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoe',
  'Amara', 'Bruno', 'Carmen', 'Diego', 'Emma', 'Felix', 'Gabriela', 'Hannah', 'Ivan', 'Julia', 'Kenji', 'Lena',
  'Mateo', 'Nadia', 'Oscar', 'Paula', 'Rafael', 'Sofia', 'Theo', 'Valentina', 'Will', 'Yara', 'Aiko', 'Marek',
];

// prettier-ignore
const LAST = [
  'Silva', 'Okafor', 'Martin', 'Ivanova', 'Rossi', 'Haddad', 'Kim', 'Tanaka', 'García', 'Berg', 'Reddy', 'Murphy',
  'Cohen', 'Novak', 'Adeyemi', 'Sharma', 'Walsh', 'Lopez', 'Nieminen', 'Ferreira', 'Patel', 'Petrov', 'Chen',
  'Hernández', 'Demir', 'Fischer', 'Mensah', 'Costa', 'Ruiz', 'Moreau', 'Schmidt', 'Larsen', 'Kowalski', 'Nguyen',
  'Popescu', 'Andersson', 'Yamamoto', 'Dubois', 'Santos', 'Khan', 'Jansen', 'Horvat', 'Lindqvist', 'Oliveira',
  'Bauer', 'Sato', 'Romero', 'Novák', 'Eriksen', 'Wright',
];

/** Headcount and job titles (the first is the department head's, the rest cycle). */
// prettier-ignore
const DEPARTMENTS: { name: Department; size: number; head: string; titles: string[] }[] = [
  {
    name: 'Engineering',
    size: 72,
    head: 'VP Engineering',
    titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Site Reliability Engineer', 'QA Engineer', 'Engineering Manager'],
  },
  {
    name: 'Sales',
    size: 48,
    head: 'VP Sales',
    titles: ['Account Executive', 'Sales Development Rep', 'Solutions Engineer', 'Account Manager', 'Sales Manager'],
  },
  {
    name: 'Support',
    size: 42,
    head: 'Head of Support',
    titles: ['Support Specialist', 'Senior Support Specialist', 'Support Engineer', 'Support Team Lead'],
  },
  {
    name: 'Finance',
    size: 20,
    head: 'CFO',
    titles: ['Accountant', 'Financial Analyst', 'Payroll Specialist', 'Controller'],
  },
  {
    name: 'People Ops',
    size: 17,
    head: 'Head of People',
    titles: ['People Partner', 'Recruiter', 'IT Administrator', 'Office Manager'],
  },
];

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** A small seeded PRNG (mulberry32): deterministic, good enough for picking names. */
const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** The company: a CEO, then each department's head and people (200 in all). */
export const demoPeople = (): DemoPerson[] => {
  const rand = prng(20_261_128);
  const used = new Set<string>();
  const people: DemoPerson[] = [];

  const add = (
    department: Department,
    title: string,
    managerEmail: string | null,
    extraGroups: DemoGroup[] = [],
  ): DemoPerson => {
    let first = '';
    let last = '';
    let local = '';
    do {
      first = FIRST[Math.floor(rand() * FIRST.length)]!;
      last = LAST[Math.floor(rand() * LAST.length)]!;
      local = `${ascii(first)}.${ascii(last)}`;
    } while (used.has(local));
    used.add(local);
    const index = people.length;
    const engineer = department === 'Engineering';
    // Two in three people work from the office (and so hold a badge); heads always do.
    const office = managerEmail === null || extraGroups.includes('Managers') || rand() < 0.66;
    const groups: DemoGroup[] = ['Everyone', department, ...extraGroups];
    if (office) groups.push('Office');
    const p: DemoPerson = {
      index,
      firstName: first,
      lastName: last,
      email: `${local}@${DEMO_DOMAIN}`,
      department,
      title,
      employeeNumber: `E${String(1001 + index)}`,
      managerEmail,
      githubUsername: engineer ? `${ascii(first)}-${ascii(last)}` : null,
      office,
      groups: [...new Set(groups)],
    };
    people.push(p);
    return p;
  };

  const ceo = add('People Ops', 'Chief Executive Officer', null, ['Managers']);
  for (const d of DEPARTMENTS) {
    const head = add(d.name, d.head, ceo.email, ['Managers']);
    // Teams of ~8 under a lead; the lead reports to the head.
    let lead = head;
    for (let i = 1; i < d.size; i++) {
      const isLead = i % 8 === 1;
      const title = isLead ? d.titles[d.titles.length - 1]! : d.titles[(i - 1) % (d.titles.length - 1)]!;
      const extra: DemoGroup[] = isLead ? ['Managers'] : [];
      // The first two engineering leads and the first staff engineers run the platform.
      if (d.name === 'Engineering' && (i === 1 || i === 9 || title === 'Staff Engineer') && i < 30)
        extra.push('Platform Leads');
      const p = add(d.name, title, isLead ? head.email : lead.email, extra);
      if (isLead) lead = p;
    }
  }
  return people;
};

/**
 * The scripted leaver: an engineer who works from the office (so every kind of revocation shows up: SCIM at
 * once, GitHub held for review, the office badge as a checklist task) and who is not a lead.
 */
export const demoLeaver = (people: DemoPerson[]): DemoPerson => {
  const p = people.find(
    (x) =>
      x.department === 'Engineering' &&
      x.office &&
      !x.groups.includes('Managers') &&
      !x.groups.includes('Platform Leads') &&
      x.index > 20,
  );
  if (!p) throw new Error('the demo company has no office engineer to leave');
  return p;
};
