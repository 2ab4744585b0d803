// Argument helpers shared by the `lanyard reviews …` commands.
import { CliUsageError } from '../command';

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
export const many = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

export const idOf = (p: string, what = 'campaign'): number => {
  const n = Number(p.replace(/^#/, ''));
  if (!/^#?\d+$/.test(p) || !Number.isSafeInteger(n) || n <= 0)
    throw new CliUsageError(`"${p}" is not a ${what} id (see \`lanyard reviews list\`)`);
  return n;
};

/** KEY=VALUE pairs of a repeated flag. */
export const pairs = (values: string[], flag: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    if (at <= 0 || at === v.length - 1) throw new CliUsageError(`${flag} expects KEY=VALUE, got "${v}"`);
    out[v.slice(0, at).trim()] = v.slice(at + 1).trim();
  }
  return out;
};
