// A small evaluator for the SCIM-like filter expressions the fakes accept (Okta `filter`/`search`, log `filter`):
// terms `attr op "value"` joined by `and` / `or` (no parentheses, no `not`), ops eq sw co gt ge lt le.
// Anything else is rejected, the way the vendors reject an unsupported filter.

export type Getter = (attr: string) => unknown;

interface Term {
  attr: string;
  op: string;
  value: string;
}

const TERM = /^([A-Za-z_][\w.]*)\s+(eq|sw|co|gt|ge|lt|le)\s+"((?:[^"\\]|\\.)*)"$/i;

export class FilterSyntaxError extends Error {}

export const parseFilter = (expr: string): Term[][] =>
  expr
    .trim()
    .split(/\s+or\s+/i)
    .map((alt) =>
      alt.split(/\s+and\s+/i).map((t) => {
        const m = TERM.exec(t.trim());
        if (!m) throw new FilterSyntaxError(`Invalid filter term: ${t.trim()}`);
        return { attr: m[1]!, op: m[2]!.toLowerCase(), value: m[3]!.replace(/\\(.)/g, '$1') };
      }),
    );

const test = (actual: unknown, op: string, value: string): boolean => {
  if (actual === null || actual === undefined) return false;
  const a = String(actual).toLowerCase();
  const v = value.toLowerCase();
  switch (op) {
    case 'eq':
      return a === v;
    case 'sw':
      return a.startsWith(v);
    case 'co':
      return a.includes(v);
    case 'gt':
      return a > v;
    case 'ge':
      return a >= v;
    case 'lt':
      return a < v;
    case 'le':
      return a <= v;
    default:
      return false;
  }
};

/** Compiles a filter into a predicate over objects read through `get`; `allowed` limits the attributes. */
export const compileFilter = (
  expr: string,
  allowed?: (attr: string, op: string) => boolean,
): ((get: Getter) => boolean) => {
  const alts = parseFilter(expr);
  for (const alt of alts) {
    for (const t of alt)
      if (allowed && !allowed(t.attr, t.op))
        throw new FilterSyntaxError(`Unsupported filter: ${t.attr} ${t.op}`);
  }
  return (get) => alts.some((alt) => alt.every((t) => test(get(t.attr), t.op, t.value)));
};

/** Reads a dotted path ("profile.login") from an object. */
export const pathGetter =
  (obj: unknown): Getter =>
  (attr) =>
    attr
      .split('.')
      .reduce<unknown>(
        (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
        obj,
      );
