// Reading a workspace file: YAML text → a validated Workspace, or one bad_input error that lists every problem
// with the path of the bad field (`apps[1].deprovision: expected …`). Pure: no store, no keychain.
// Error texts never quote the file's values, so a literal secret pasted by mistake is not echoed back.
// `source` (a file name, when the caller knows one) is named in every error: "The workspace file ws.yaml is …".
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { workspaceSchema, type Workspace } from '../../shared/config/workspace';
import { LanyardError, formatPath } from '../app/errors';

export interface Issue {
  path: string;
  message: string;
}

const SECTIONS = Object.keys(workspaceSchema.shape);

const LITERAL_SECRET_HINT =
  'Store the secret with `lanyard secrets set NAME` (or in Settings → Secrets) and write keychain:NAME, ' +
  'or write env:VAR to read it from an environment variable.';

/** Aliases a file may expand (`*name`); beyond this a small file can grow to gigabytes ("billion laughs"). */
export const MAX_YAML_ALIASES = 100;

const theFile = (source?: string): string => (source ? `The workspace file ${source}` : 'The workspace file');

const invalid = (issues: Issue[], hint?: string, source?: string): LanyardError => {
  const lines = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const head =
    issues.length === 1
      ? `${theFile(source)} is not valid; nothing was applied.`
      : `${theFile(source)} is not valid (${issues.length} problems); nothing was applied.`;
  return new LanyardError('bad_input', `${head}\n${lines.map((l) => `  ${l}`).join('\n')}`, {
    path: issues[0]?.path ?? '',
    issues,
    hint:
      hint ??
      'Fix the fields named above and apply the file again; `lanyard config schema` prints the format.',
  });
};

/** zod's wording, made shorter and never mentioning the received value. */
const describe = (issue: z.core.$ZodIssue): Issue[] => {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = issue.path.length === 0 ? `; expected one of ${SECTIONS.join(', ')}` : '';
    return issue.keys.map((k) => ({
      path: formatPath([...issue.path, k]),
      message: `unknown field${allowed}`,
    }));
  }
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return [{ path, message: `missing (expected ${issue.expected})` }];
  }
  return [{ path, message: issue.message.replace(/^Invalid input: /, '') }];
};

/**
 * zod runs the workspace's cross-field checks (unique app ids, rules naming a known app) only when every field is
 * valid; repeat them on the raw document so one run lists all problems.
 */
const crossReferenceIssues = (raw: Record<string, unknown>): Issue[] => {
  const out: Issue[] = [];
  const apps = Array.isArray(raw.apps) ? raw.apps : [];
  const ids = new Set<string>();
  apps.forEach((a: unknown, i) => {
    const id = a && typeof a === 'object' ? (a as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    if (ids.has(id)) out.push({ path: `apps[${i}].id`, message: `duplicate app id "${id}"` });
    ids.add(id);
  });
  const rules = Array.isArray(raw.rules) ? raw.rules : [];
  rules.forEach((r: unknown, i) => {
    const app = r && typeof r === 'object' ? (r as { app?: unknown }).app : undefined;
    if (typeof app === 'string' && !ids.has(app)) {
      out.push({ path: `rules[${i}].app`, message: `no app with id "${app}" in apps` });
    }
  });
  return out;
};

const firstLine = (message: string): string =>
  message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

/** Parses YAML text (no validation). Syntax errors name line and column; too many aliases are bad input. */
export const parseYaml = (text: string, source?: string): unknown => {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const issues = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}` : 'YAML';
      return { path: '', message: `${where}: ${firstLine(e.message)}` };
    });
    const first = issues[0]!.message;
    throw new LanyardError(
      'bad_input',
      `${theFile(source)} is not valid YAML (${first}); nothing was applied.`,
      {
        path: '',
        issues,
        hint: 'Check the indentation and quotes around that line.',
      },
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    // The yaml package throws a ReferenceError when aliases expand too far: the file's fault, not Lanyard's.
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new LanyardError(
        'bad_input',
        `${theFile(source)} expands YAML aliases (*name) into more than ${MAX_YAML_ALIASES} copies; nothing was applied.`,
        {
          path: '',
          hint: 'Write the repeated values out, or use fewer aliases: a file that expands this much is refused as a possible "billion laughs" attack.',
          cause: err,
        },
      );
    }
    throw err;
  }
};

/** Validates a parsed document against the workspace schema; throws one error listing every problem. */
export const validateWorkspace = (raw: unknown, source?: string): Workspace => {
  if (raw === null || raw === undefined) {
    throw new LanyardError('bad_input', `${theFile(source)} is empty; nothing was applied.`, {
      hint: `Write at least one of the sections ${SECTIONS.join(', ')} (see \`lanyard config export\` for an example).`,
    });
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(
      [{ path: '', message: `expected a mapping with the sections ${SECTIONS.join(', ')}` }],
      undefined,
      source,
    );
  }
  const parsed = workspaceSchema.safeParse(raw);
  if (parsed.success) return parsed.data;

  const issues = parsed.error.issues.flatMap(describe);
  const seen = new Set(issues.map((i) => `${i.path}\n${i.message}`));
  for (const extra of crossReferenceIssues(raw as Record<string, unknown>)) {
    if (!seen.has(`${extra.path}\n${extra.message}`)) issues.push(extra);
  }
  const literalSecret = issues.some((i) => i.message.includes('not a literal secret'));
  throw invalid(issues, literalSecret ? LITERAL_SECRET_HINT : undefined, source);
};

export const parseWorkspaceYaml = (text: string, source?: string): Workspace =>
  validateWorkspace(parseYaml(text, source), source);
