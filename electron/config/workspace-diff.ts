// The difference between the stored workspace and a validated workspace file, section by section (pure): what a
// config.apply would add, change and remove. Items are matched by their stable key (app and review ids, app and
// person for exceptions); rules have no id, so a rule counts as kept when the file has one with the same content,
// and otherwise as removed (and the file's new one as added).
import type { AppConfig, RuleConfig, Workspace } from '../../shared/config/workspace';
import type { ChangedItem, SectionChanges, WorkspaceChanges } from '../../shared/config/workspace-changes';
import type { Settings } from '../../shared/domain/settings';
import type { StoredWorkspace } from './export-workspace';

/** Stable JSON: key order does not make two equal configs differ. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : x,
  );

const byKey = <T>(
  before: readonly T[],
  after: readonly T[],
  key: (x: T) => string,
  name: (x: T) => string,
): SectionChanges => {
  const old = new Map(before.map((x) => [key(x), x]));
  const next = new Map(after.map((x) => [key(x), x]));
  const changed: ChangedItem[] = [];
  for (const [k, x] of next) {
    const was = old.get(k);
    if (!was || canonical(was) === canonical(x)) continue;
    const a = was as Record<string, unknown>;
    const b = x as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((f) => canonical(a[f]) !== canonical(b[f]))
      .sort();
    changed.push({ key: k, name: name(x), detail: fields.join(', ') });
  }
  return {
    added: [...next].filter(([k]) => !old.has(k)).map(([k, x]) => ({ key: k, name: name(x) })),
    changed,
    removed: [...old].filter(([k]) => !next.has(k)).map(([k, x]) => ({ key: k, name: name(x) })),
  };
};

const appName = (a: AppConfig): string => `${a.name} (${a.id})`;

const ruleName = (r: RuleConfig, n: number, apps: ReadonlyMap<string, string>): string => {
  const named = (r as { name?: string }).name;
  const who = [...(r.groups ?? []), ...(r.allGroups ?? [])].join(', ') || 'attribute conditions';
  return `rule ${n}${named ? ` “${named}”` : ''}: ${apps.get(r.app) ?? r.app} ← ${who}`;
};

const rulesDiff = (
  before: readonly RuleConfig[],
  after: readonly RuleConfig[],
  apps: Map<string, string>,
) => {
  const keep = (list: readonly RuleConfig[]) => list.map((r) => canonical(r));
  const oldKeys = keep(before);
  const newKeys = keep(after);
  return {
    added: after
      .map((r, i) => ({ r, i }))
      .filter(({ i }) => !oldKeys.includes(newKeys[i]!))
      .map(({ r, i }) => ({ key: String(i + 1), name: ruleName(r, i + 1, apps) })),
    changed: [],
    removed: before
      .map((r, i) => ({ r, i }))
      .filter(({ i }) => !newKeys.includes(oldKeys[i]!))
      .map(({ r, i }) => ({ key: String(i + 1), name: ruleName(r, i + 1, apps) })),
  };
};

const count = (s: SectionChanges): number => s.removed.length;

export const diffWorkspace = (
  stored: StoredWorkspace,
  ws: Workspace,
  settings: Settings,
): WorkspaceChanges => {
  const dirName = (d: StoredWorkspace['directory']) => (d ? `${d.name} (${d.kind})` : null);
  const dirBefore = dirName(stored.directory);
  const dirAfter = dirName(ws.directory ?? null);
  const dirChange = !stored.directory
    ? ws.directory
      ? 'added'
      : 'same'
    : !ws.directory
      ? 'removed'
      : canonical(stored.directory) === canonical(ws.directory)
        ? 'same'
        : 'changed';
  const names = new Map([...stored.apps, ...ws.apps].map((a) => [a.id, a.name]));
  const apps = byKey(stored.apps, ws.apps, (a) => a.id, appName);
  const rules = rulesDiff(stored.rules, ws.rules, names);
  const exceptions = byKey(
    stored.exceptions ?? [],
    ws.exceptions ?? [],
    (e) => `${e.app}/${e.person.toLowerCase()}`,
    (e) => `${e.person} in ${names.get(e.app) ?? e.app}${e.role ? ` (role ${e.role})` : ' (no access)'}`,
  );
  const reviews = byKey(
    stored.reviews ?? [],
    ws.reviews ?? [],
    (r) => r.id,
    (r) => `${r.name} (${r.id})`,
  );
  const sections = ['guardrails', 'offboarding', 'schedule'] as const;
  const settingsChanged = sections.filter((s) => canonical(stored.settings[s]) !== canonical(settings[s]));
  const removals =
    count(apps) + count(rules) + count(exceptions) + count(reviews) + (dirChange === 'removed' ? 1 : 0);
  const all = [apps, rules, exceptions, reviews];
  return {
    directory: { before: dirBefore, after: dirAfter, change: dirChange },
    apps,
    rules,
    exceptions,
    reviews,
    settings: [...settingsChanged],
    removals,
    same:
      dirChange === 'same' &&
      settingsChanged.length === 0 &&
      all.every((s) => !s.added.length && !s.changed.length && !s.removed.length),
  };
};
