// The `lanyard` command line. Runs in plain Node (bin/lanyard.mjs imports the electron-vite build of this file,
// out/main/cli.js; tests run it with tsx). main() is exported and takes its streams, so tests run it in-process.
//
// main parses the global flags, finds the command by its longest matching words in ./cli/registry, parses the
// command's own options strictly, opens the core only when the command asks for it and closes it afterwards.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createLanyard, type Lanyard } from './app/create-lanyard';
import { defaultDataDir } from './app/data-dir';
import { dispatch } from './app/dispatch';
import { LanyardError } from './app/errors';
import { LANYARD_VERSION } from './app/version';
import { createLogger, stderrSink, type LogLevel } from './log/logger';
import { createKeychainStore } from './secrets/keychain';
import type { MethodInput, MethodName, MethodOutput } from '../shared/api/contract';
import {
  CliUsageError,
  type CliCommand,
  type CliIO,
  type CliRunArgs,
  type OpenCoreOptions,
} from './cli/command';
import { commands as registry } from './cli/registry';
import {
  GLOBAL_OPTIONS,
  commandName,
  commandsUnder,
  findCommand,
  leadingWords,
  suggestCommands,
} from './cli/resolve-command';
import { commandHelp, generalHelp, groupHelp, usageOf } from './cli/help';
import { EXIT_OK, EXIT_USAGE, reportError } from './cli/report-error';
import { checkDataDir, isReadOnlyError, readOnlyDatabase, type DataDirSource } from './cli/data-dir-check';
import { DB_FILE } from './store/database';

export type MainIO = Omit<CliIO, 'json'>;

const processIO = (): MainIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Node's parseArgs messages are long and generic; say which flag is wrong for which command. */
const usageMessage = (err: Error & { code?: string }, cmd: CliCommand): string => {
  const flag = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `unknown option ${flag} for "lanyard ${commandName(cmd)}"`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return `option ${flag.split(' ')[0]}: ${err.message}`;
  return err.message;
};

const unknownCommand = (io: MainIO, words: string[], commands: CliCommand[]): number => {
  const typed = words.join(' ');
  const suggestions = suggestCommands(commands, words);
  const lines = [`lanyard: unknown command "${typed}"`];
  if (suggestions.length) lines.push(`Did you mean: ${suggestions.map((s) => `lanyard ${s}`).join(', ')}?`);
  lines.push('Run `lanyard --help` for the list of commands.');
  io.stderr.write(lines.join('\n') + '\n');
  return EXIT_USAGE;
};

/** The first flag in argv that no command knows of before any command word (`lanyard --bogus`), or null. */
const unknownLeadingFlag = (argv: string[]): string | null => {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return null;
    if (a === '--data-dir') i++;
    else if (a.startsWith('--data-dir=')) continue;
    else if (a.startsWith('-')) {
      const flag = a.split('=', 1)[0]!;
      if (!['--json', '--help', '-h', '--version'].includes(flag)) return flag;
    } else return null;
  }
  return null;
};

/** `lanyard help [WORDS…]` */
const showHelp = (io: MainIO, words: string[], commands: CliCommand[]): number => {
  if (words.length === 0) {
    io.stdout.write(generalHelp(commands, LANYARD_VERSION));
    return EXIT_OK;
  }
  const cmd = findCommand(commands, words);
  if (cmd && cmd.words.length === words.length) {
    io.stdout.write(commandHelp(cmd));
    return EXIT_OK;
  }
  const group = commandsUnder(commands, words);
  if (group.length) {
    io.stdout.write(groupHelp(words.join(' '), group));
    return EXIT_OK;
  }
  return unknownCommand(io, words, commands);
};

const callVia =
  (core: () => Lanyard) =>
  async <K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>> => {
    const lanyard = core();
    const result = await dispatch(lanyard.handlers, method, input, { actor: 'cli' }, lanyard.context.log);
    if (result.ok) return result.value as MethodOutput<K>;
    const { code, message, ...rest } = result.error;
    throw new LanyardError(code, message, rest);
  };

/** Runs one `lanyard` invocation and resolves to its exit code. */
export const main = async (
  argv: string[],
  io: MainIO = processIO(),
  commands: CliCommand[] = registry,
): Promise<number> => {
  const words = leadingWords(argv);
  if (argv.includes('--version') && !argv.slice(0, argv.indexOf('--version')).includes('--')) {
    io.stdout.write(`${LANYARD_VERSION}\n`);
    return EXIT_OK;
  }
  if (words[0] === 'help') return showHelp(io, words.slice(1), commands);

  const cmd = findCommand(commands, words);
  if (!cmd) {
    const wantsHelp = argv.includes('--help') || argv.includes('-h');
    const unknownFlag = unknownLeadingFlag(argv);
    if (unknownFlag && !wantsHelp) {
      io.stderr.write(
        `lanyard: unknown option ${unknownFlag}\n` +
          "Global options are --data-dir DIR, --json, --help and --version; a command's own options come after it.\n" +
          'Run `lanyard --help` for the list of commands.\n',
      );
      return EXIT_USAGE;
    }
    if (words.length === 0) {
      (wantsHelp ? io.stdout : io.stderr).write(generalHelp(commands, LANYARD_VERSION));
      return wantsHelp ? EXIT_OK : EXIT_USAGE;
    }
    const group = commandsUnder(commands, words);
    if (group.length) {
      if (wantsHelp) return showHelp(io, words, commands);
      io.stderr.write(
        `lanyard: "${words.join(' ')}" needs a subcommand.\n${groupHelp(words.join(' '), group)}`,
      );
      return EXIT_USAGE;
    }
    return unknownCommand(io, words, commands);
  }

  const usage = usageOf(cmd);
  const jsonRequested = argv.includes('--json');
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...cmd.options, ...GLOBAL_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    return reportError(
      { ...io, json: jsonRequested },
      new CliUsageError(usageMessage(err as Error, cmd)),
      usage,
    );
  }
  const { values } = parsed;
  const cliIO: CliIO = { ...io, json: values.json === true };
  if (values.help) {
    io.stdout.write(commandHelp(cmd));
    return EXIT_OK;
  }
  const positionals = parsed.positionals.slice(cmd.words.length);
  const { min = 0, max = Infinity } = cmd.args ?? {};
  if (positionals.length < min || positionals.length > max) {
    const message =
      positionals.length < min
        ? `"lanyard ${commandName(cmd)}" needs ${min === 1 ? 'an argument' : `${min} arguments`}`
        : `"lanyard ${commandName(cmd)}" got unexpected arguments: ${positionals.slice(max).join(' ')}`;
    return reportError(cliIO, new CliUsageError(message), usage);
  }

  const dataDirFlag = values['data-dir'];
  if (dataDirFlag === '') {
    return reportError(
      cliIO,
      new CliUsageError(
        '--data-dir is empty; give a folder, or leave the option out to use the default data folder.',
      ),
      usage,
    );
  }
  const dataDirSource: DataDirSource =
    typeof dataDirFlag === 'string' ? '--data-dir' : io.env.LANYARD_DATA_DIR ? 'LANYARD_DATA_DIR' : 'default';
  const dataDir = path.resolve(typeof dataDirFlag === 'string' ? dataDirFlag : defaultDataDir(io.env));

  let core: Lanyard | null = null;
  let keepOpen = false;
  const openCore = (opts: OpenCoreOptions = {}): Lanyard => {
    if (core) return core;
    const level = io.env.LANYARD_LOG_LEVEL as LogLevel | undefined;
    checkDataDir(dataDir, dataDirSource);
    try {
      core = createLanyard({
        dataDir,
        secrets: createKeychainStore(io.env.LANYARD_KEYCHAIN_SERVICE ?? 'Lanyard'),
        log: createLogger(stderrSink(level && LOG_LEVELS.includes(level) ? level : 'warn')),
        env: io.env,
        scheduler: opts.scheduler ?? false,
      });
    } catch (err) {
      // SQLite reports a database it may not write as a failure to write; that is not a damaged file.
      if (isReadOnlyError(err)) throw readOnlyDatabase(path.join(dataDir, DB_FILE), err);
      throw err;
    }
    keepOpen = opts.keepOpen ?? false;
    return core;
  };
  const args: CliRunArgs = {
    positionals,
    values,
    openCore,
    call: callVia(openCore),
    dataDir,
    io: cliIO,
  };

  try {
    return await cmd.run(args);
  } catch (err) {
    return reportError(cliIO, err, err instanceof CliUsageError ? usage : undefined);
  } finally {
    if (core && !keepOpen) (core as Lanyard).close();
  }
};

const isMain = (): boolean => {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href;
};

if (isMain()) {
  // `lanyard config export | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  // exitCode, not exit(): output is flushed first, and a command that keeps running (serve) is not cut short.
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
