// Finding the command in argv: the leading words (skipping global flags) matched against the registry, longest
// first, and a "did you mean" for typos.
import type { CliCommand } from './command';
import { editDistance as distance } from '../../shared/domain/edit-distance';

/** Flags every command accepts; --data-dir takes a value. */
export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const GLOBAL_FLAGS = new Set(['--json', '--help', '-h', '--version']);

/** The non-option words at the start of argv, e.g. ["config", "apply", "ws.yaml"] for `--json config apply ws.yaml`. */
export const leadingWords = (argv: string[]): string[] => {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir') i++;
    else if (a.startsWith('--data-dir=') || GLOBAL_FLAGS.has(a)) continue;
    else if (a.startsWith('-')) break;
    else words.push(a);
  }
  return words;
};

export const commandName = (cmd: CliCommand): string => cmd.words.join(' ');

/** The command whose words are the longest prefix of `words`. */
export const findCommand = (commands: CliCommand[], words: string[]): CliCommand | null => {
  let best: CliCommand | null = null;
  for (const cmd of commands) {
    const matches = cmd.words.length <= words.length && cmd.words.every((w, i) => words[i] === w);
    if (matches && (!best || cmd.words.length > best.words.length)) best = cmd;
  }
  return best;
};

/** Commands under a group prefix such as ["config"] (for `lanyard config` or `lanyard help config`). */
export const commandsUnder = (commands: CliCommand[], words: string[]): CliCommand[] =>
  words.length === 0 ? [] : commands.filter((c) => words.every((w, i) => c.words[i] === w));

/** The closest command names to what was typed, best first (empty when nothing is close). */
export const suggestCommands = (commands: CliCommand[], words: string[]): string[] => {
  const scored: { name: string; d: number }[] = [];
  for (const cmd of commands) {
    const name = commandName(cmd);
    const typed = words.slice(0, cmd.words.length).join(' ');
    // The first word alone also counts, so `lanyard secret list` suggests `secrets list`.
    const d = Math.min(
      distance(typed, name),
      distance(words[0] ?? '', cmd.words[0]!) + (cmd.words.length > 1 ? 1 : 0),
    );
    if (d <= Math.max(2, Math.floor(name.length / 3))) scored.push({ name, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((s) => s.name);
};
