// A small OpenAPI 3 checker for tests: finds the operation a request hits (path template + method) and checks a
// JSON value against a schema (type, enum, nullable, required, properties, items, $ref, allOf, anyOf/oneOf).
// Only the $refs actually used are resolved: the Okta spec has examples whose $refs dangle.
import fs from 'node:fs';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;
export interface Operation {
  operationId: string;
  method: string;
  template: string;
  queryParams: Set<string>;
}

export const loadSpec = (file: string) => {
  const doc = parse(fs.readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, Schema>>;
    components: Record<string, Record<string, Schema>>;
  };
  const deref = (s: Schema): Schema => {
    let cur = s;
    while (typeof cur.$ref === 'string') {
      const parts = (cur.$ref as string).replace(/^#\//, '').split('/');
      const next = parts.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc) as
        Schema | undefined;
      if (!next) throw new Error(`dangling $ref ${cur.$ref as string}`);
      cur = next;
    }
    return cur;
  };

  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = ((item.parameters as Schema[] | undefined) ?? []).map(deref);
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || typeof op.operationId !== 'string') continue;
      const params = [...shared, ...((op.parameters as Schema[] | undefined) ?? []).map(deref)];
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        template,
        queryParams: new Set(params.filter((p) => p.in === 'query').map((p) => p.name as string)),
      });
    }
  }

  const findOperation = (method: string, path: string): Operation | undefined =>
    operations.find(
      (o) => o.method === method && new RegExp(`^${o.template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
    );

  /** Problems with `value` against the schema, as "path: message" strings (empty = conforms). */
  const check = (value: unknown, schema: Schema, at = '$'): string[] => {
    const s = deref(schema);
    if (value === null) return s.nullable ? [] : s.type || s.$ref ? [`${at}: null but not nullable`] : [];
    if (Array.isArray(s.allOf)) return (s.allOf as Schema[]).flatMap((x) => check(value, x, at));
    const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
    if (alternatives)
      return alternatives.some((x) => check(value, x, at).length === 0)
        ? []
        : [`${at}: matches none of anyOf/oneOf`];
    const problems: string[] = [];
    const type = s.type as string | undefined;
    const actual = Array.isArray(value) ? 'array' : typeof value;
    if (type === 'integer' ? !Number.isInteger(value) : type && type !== actual)
      return [`${at}: expected ${type}, got ${actual}`];
    if (Array.isArray(s.enum) && !(s.enum as unknown[]).includes(value))
      problems.push(`${at}: ${JSON.stringify(value)} not in enum`);
    if (actual === 'object' && value) {
      const obj = value as Record<string, unknown>;
      for (const r of (s.required as string[] | undefined) ?? [])
        if (!(r in obj)) problems.push(`${at}.${r}: required`);
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, v] of Object.entries(obj))
        if (props[k]) problems.push(...check(v, props[k]!, `${at}.${k}`));
    }
    if (actual === 'array' && s.items)
      (value as unknown[]).forEach((v, i) => problems.push(...check(v, s.items as Schema, `${at}[${i}]`)));
    return problems;
  };

  return {
    doc,
    operations,
    findOperation,
    check,
    schema: (name: string): Schema => doc.components.schemas![name]!,
  };
};
