// The words of the sync core: every op and every "why" is a sentence an admin understands, naming people by
// email/login, apps by name, rules by name (else number: "rule 2") and their groups, and status changes by time ("since 14:02").
import type { RuleFailure, RuleMatch } from './rules';
import type { SyncPerson } from './types';

/** How a person is named in reasons: their email, else their login. */
export const who = (p: Pick<SyncPerson, 'email' | 'login'>): string => p.email ?? p.login;

export const listAnd = (xs: readonly string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
export const listOr = (xs: readonly string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

const parts = (d: Date, timeZone: string): { day: string; time: string } => {
  const p: Record<string, string> = {};
  for (const x of formatterFor(timeZone).formatToParts(d)) p[x.type] = x.value;
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
};

// Intl formatting is slow and a mass suspension repeats the same few timestamps: remember recent answers.
const whenCache = new Map<string, string | null>();

/** "14:02" on the same day as `now`, else "2026-11-27 14:02"; null when unknown or unreadable. */
export const formatWhen = (iso: string | null | undefined, now: Date, timeZone = 'UTC'): string | null => {
  if (!iso) return null;
  const cacheKey = `${timeZone}|${now.getTime()}|${iso}`;
  const cached = whenCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const d = new Date(iso);
  let out: string | null = null;
  if (!Number.isNaN(d.getTime())) {
    const at = parts(d, timeZone);
    out = at.day === parts(now, timeZone).day ? at.time : `${at.day} ${at.time}`;
  }
  if (whenCache.size > 10_000) whenCache.clear();
  whenCache.set(cacheKey, out);
  return out;
};

const STATUS_WORD: Record<SyncPerson['status'], string> = {
  active: 'active',
  staged: 'staged (not started yet)',
  suspended: 'suspended',
  deprovisioned: 'deprovisioned',
  deleted: 'deleted',
};

/** "suspended in the directory since 14:02" (the reason a person is out of scope). */
export const statusReason = (p: SyncPerson, now: Date, timeZone?: string): string => {
  const since = formatWhen(p.statusChangedAt, now, timeZone);
  return `${STATUS_WORD[p.status]} in the directory${since ? ` since ${since}` : ''}`;
};

/** "not active (suspended since 14:02)" for the explainer. */
export const notActiveWhy = (p: SyncPerson, now: Date, timeZone?: string): string => {
  const since = formatWhen(p.statusChangedAt, now, timeZone);
  return `not active (${STATUS_WORD[p.status]}${since ? ` since ${since}` : ''})`;
};

/** "in Everyone (rule 1)", "in Engineering and department is Engineering (rule 'Engineering → GitHub')". */
export const describeMatch = (m: RuleMatch): string => {
  const bits: string[] = [];
  if (m.groups.length) bits.push(`in ${listAnd(m.groups)}`);
  for (const [attr, value] of m.attributes) bits.push(`${attr} is ${value}`);
  return `${listAnd(bits)} (${m.label})`;
};

/**
 * One rule's first unmet condition. Style `needs` for the explainer ("needs group Engineering (rule 2)"),
 * `left` for deprovision reasons ("no longer in Engineering (rule 2)").
 */
export const describeFailure = (f: RuleFailure, style: 'needs' | 'left'): string => {
  if (f.kind === 'attribute') {
    const actual = f.actual === null ? `${f.attribute} is not set` : `${f.attribute} is ${f.actual}`;
    return `${actual}, ${f.label} needs ${listOr(f.expected)}`;
  }
  if (style === 'left') {
    return `no longer in ${f.kind === 'groups' ? listOr(f.missing) : listAnd(f.missing)} (${f.label})`;
  }
  if (f.kind === 'groups') {
    return f.missing.length === 1
      ? `needs group ${f.missing[0]} (${f.label})`
      : `needs one of the groups ${listOr(f.missing)} (${f.label})`;
  }
  return `needs ${f.missing.length === 1 ? 'group' : 'groups'} ${listAnd(f.missing)} (${f.label})`;
};

export const describeFailures = (fs: readonly RuleFailure[], style: 'needs' | 'left'): string =>
  fs.map((f) => describeFailure(f, style)).join('; ');

/** "3 people" or the one person's name, for batched group ops. */
export const peopleCount = (names: readonly string[]): string =>
  names.length === 1 ? (names[0] ?? '') : `${names.length} people`;

/** "rule 2" / "rules 2 and 4". */
export const ruleNumbers = (ns: readonly number[]): string => {
  const sorted = [...new Set(ns)].sort((a, b) => a - b).map(String);
  return `${sorted.length === 1 ? 'rule' : 'rules'} ${listAnd(sorted)}`;
};

/** The same with names where rules have them: "rule 'Engineering → GitHub' and rule 4"; else ruleNumbers. */
export const ruleLabels = (ns: readonly number[], labelOf: (n: number) => string): string => {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const labels = sorted.map(labelOf);
  return labels.every((l, i) => l === `rule ${sorted[i]}`) ? ruleNumbers(sorted) : listAnd(labels);
};
