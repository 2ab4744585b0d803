// `lanyard config …`: the workspace file (config as code). apply validates everything before storing anything.
import fs from 'node:fs/promises';
import type { SecretStatus } from '../../../shared/domain/secrets';
import { workspaceJsonSchema, workspaceJsonSchemaText } from '../../../shared/config/workspace-json-schema';
import type { WorkspaceChanges } from '../../../shared/config/workspace-changes';
import { LanyardError } from '../../app/errors';
import { parseWorkspaceYaml } from '../../config/parse-workspace';
import { printResult, type CliCommand, type CliRunArgs } from '../command';
import { readTextFile } from '../read-input';

const describeFile = (file: string): string => (file === '-' ? 'the workspace from stdin' : file);

/** The core parses text and cannot know the file: name it in an error about the file before it is printed. */
const namingFile = (err: unknown, file: string): unknown => {
  const about = 'The workspace file ';
  if (!(err instanceof LanyardError) || file === '-' || !err.message.startsWith(about)) return err;
  return new LanyardError(err.code, err.message.replace(about, `${about}${file} `), {
    ...(err.hint ? { hint: err.hint } : {}),
    ...(err.path !== undefined ? { path: err.path } : {}),
    ...(err.issues ? { issues: err.issues } : {}),
    cause: err,
  });
};

const warningLines = (warnings: string[]): string => warnings.map((w) => `\nwarning: ${w}`).join('');

/** Rules are named "rule 2: …" already. */
const SECTION_WORD = { apps: 'app ', rules: '', exceptions: 'exception ', reviews: 'review ' } as const;

/** What applying would change against the stored workspace, removals first ("would remove app Slack (slack)"). */
const changeLines = (c: WorkspaceChanges | undefined): string => {
  if (!c) return '';
  if (c.same) return '\nApplying it would change nothing.';
  const lines: string[] = [];
  if (c.directory.change === 'removed') lines.push(`would remove the directory ${c.directory.before}`);
  for (const [key, word] of Object.entries(SECTION_WORD) as [keyof typeof SECTION_WORD, string][]) {
    const s = c[key];
    lines.push(...s.removed.map((i) => `would remove ${word}${i.name}`));
    lines.push(...s.added.map((i) => `would add ${word}${i.name}`));
    lines.push(...s.changed.map((i) => `would change ${word}${i.name}${i.detail ? ` (${i.detail})` : ''}`));
  }
  if (c.directory.change === 'added') lines.push(`would add the directory ${c.directory.after}`);
  if (c.directory.change === 'changed') lines.push(`would change the directory ${c.directory.after}`);
  if (c.settings.length) lines.push(`would change settings: ${c.settings.join(', ')}`);
  return lines.map((l) => `\n  ${l}`).join('');
};

/** Secrets the workspace refers to that have no value yet; best effort (no keychain → no note). */
const unsetSecrets = async (call: CliRunArgs['call']): Promise<SecretStatus[]> => {
  try {
    return (await call('secrets.list', {})).filter((s) => s.usedBy.length > 0 && !s.set);
  } catch {
    return [];
  }
};

const unsetNote = (unset: SecretStatus[]): string => {
  if (!unset.length) return '';
  const list = unset.map((s) => `  ${s.ref} (${s.usedBy.join(', ')})`).join('\n');
  return (
    `\nnote: these secrets are not set yet:\n${list}\n` +
    'Store keychain secrets with `lanyard secrets set NAME` (value on stdin); set env: variables before starting Lanyard.'
  );
};

const apply: CliCommand = {
  words: ['config', 'apply'],
  usage: 'lanyard config apply FILE [--check]',
  summary: 'Validate a workspace file and store it (nothing is stored unless all of it is valid)',
  help: [
    'FILE is a workspace file (docs/workspace-config.md); "-" reads it from stdin.',
    'It replaces the stored directory, apps, rules and settings in one transaction;',
    'settings sections the file leaves out go back to their defaults.',
    '',
    'Options:',
    '  --check   only validate the file and print what it would add, change and remove; store nothing',
  ].join('\n'),
  options: { check: { type: 'boolean' } },
  args: { min: 1, max: 1 },
  async run({ positionals, values, call, io }) {
    const file = positionals[0]!;
    const text = await readTextFile(file, io);
    const source = file === '-' ? undefined : file;
    if (values.check) {
      // Validated here first, so a bad file names the file; then the core's dry run says what would change.
      parseWorkspaceYaml(text, source);
      let dry;
      try {
        dry = await call('config.apply', { yaml: text, dryRun: true });
      } catch (err) {
        throw namingFile(err, file);
      }
      const { applied: _applied, ...summary } = dry;
      printResult(
        io,
        { valid: true, ...summary },
        (v) =>
          `${describeFile(file)} is valid: ${v.summary}. Nothing was stored (--check).` +
          changeLines(v.changes) +
          warningLines(v.warnings),
      );
      return 0;
    }
    let result;
    try {
      result = await call('config.apply', { yaml: text });
    } catch (err) {
      throw namingFile(err, file);
    }
    const unset = await unsetSecrets(call);
    printResult(
      io,
      { ...result, unsetSecrets: unset.map((s) => s.ref) },
      (v) => `Applied ${describeFile(file)}: ${v.summary}.${warningLines(v.warnings)}${unsetNote(unset)}`,
    );
    return 0;
  },
};

const exportCmd: CliCommand = {
  words: ['config', 'export'],
  usage: 'lanyard config export [--output FILE]',
  summary: 'Print the stored workspace as YAML (directory, apps, rules, guardrails, offboarding, schedule)',
  help: ['Options:', '  -o, --output FILE   write it to FILE instead of stdout'].join('\n'),
  options: { output: { type: 'string', short: 'o' } },
  args: { max: 0 },
  async run({ values, call, io }) {
    const { yaml } = await call('config.export', {});
    if (typeof values.output === 'string') {
      await fs.writeFile(values.output, yaml, 'utf8');
      printResult(io, { file: values.output }, `Wrote the workspace to ${values.output}.`);
    } else if (io.json) printResult(io, { yaml }, '');
    else io.stdout.write(yaml);
    return 0;
  },
};

const schema: CliCommand = {
  words: ['config', 'schema'],
  usage: 'lanyard config schema',
  summary: 'Print the JSON Schema of the workspace file (for editors and CI)',
  args: { max: 0 },
  async run({ io }) {
    if (io.json) printResult(io, workspaceJsonSchema(), '');
    else io.stdout.write(workspaceJsonSchemaText());
    return 0;
  },
};

export const configCommands: CliCommand[] = [apply, exportCmd, schema];
