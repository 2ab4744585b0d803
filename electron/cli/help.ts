// Help texts, built from the registry so a new command documents itself.
import type { CliCommand } from './command';
import { commandName } from './resolve-command';

/** The usage line of a command, always starting with "lanyard ". */
export const usageOf = (cmd: CliCommand): string => {
  const u = cmd.usage.trim();
  return u.startsWith('lanyard ') ? u : `lanyard ${u}`;
};

const table = (rows: [string, string][], indent = '  '): string => {
  const width = Math.min(34, Math.max(...rows.map(([l]) => l.length)));
  return rows.map(([l, r]) => `${indent}${l.padEnd(width)}  ${r}`.trimEnd()).join('\n');
};

const GLOBAL_HELP: [string, string][] = [
  ['--data-dir DIR', 'the data folder (default: $LANYARD_DATA_DIR, else the per-user Lanyard folder)'],
  ['--json', 'machine-readable output: one JSON document on stdout'],
  ['--version', 'print the version'],
  ['-h, --help', 'show help (`lanyard help COMMAND` for one command)'],
];

const EXIT_CODES = 'Exit codes: 0 success, 1 the operation failed or was held, 2 bad usage or bad input.';

export const generalHelp = (commands: CliCommand[], version: string): string => {
  const rows = [...commands]
    .sort((a, b) => commandName(a).localeCompare(commandName(b)))
    .map((c): [string, string] => [commandName(c), c.summary]);
  return [
    `Lanyard ${version}: keeps SaaS app accounts in step with your identity provider.`,
    '',
    'Usage: lanyard [--data-dir DIR] [--json] COMMAND [ARGS] [OPTIONS]',
    '',
    'Commands (`lanyard help COMMAND` shows one):',
    rows.length ? table(rows) : '  (none)',
    '',
    'Global options:',
    table(GLOBAL_HELP),
    '',
    EXIT_CODES,
    '',
  ].join('\n');
};

export const groupHelp = (group: string, commands: CliCommand[]): string =>
  [
    `Commands under "lanyard ${group}":`,
    table(commands.map((c): [string, string] => [usageOf(c), c.summary])),
    '',
    'Run `lanyard help COMMAND` for one command.',
    '',
  ].join('\n');

export const commandHelp = (cmd: CliCommand): string =>
  [
    `Usage: ${usageOf(cmd)}`,
    '',
    cmd.summary,
    ...(cmd.help ? ['', cmd.help.trimEnd()] : []),
    '',
    'Global options:',
    table(GLOBAL_HELP),
    '',
    EXIT_CODES,
    '',
  ].join('\n');
