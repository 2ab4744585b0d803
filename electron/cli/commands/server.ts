// `lanyard server`: Lanyard as a long-running service — the core, the scheduler (or its standby) and the web UI —
// for systemd, Docker or any process manager (build/server/). Unlike `serve` it logs JSON lines on stdout (one of
// them, at start, {"msg":"listening","url":…} carries the one-time sign-in address), takes its store as a
// database URL and its address as HOST:PORT, and reads each setting from a LANYARD_* variable too, so a unit file
// or a compose file can configure it. SIGTERM/SIGINT shut it down gracefully (graceful-shutdown.ts).
import type { CliCommand, CliRunArgs } from '../command';
import { LanyardError } from '../../app/errors';
import { createLogger, jsonLinesSink, stderrSink, type LogLevel, type Logger } from '../../log/logger';
import { exitCodeFor, toApiError } from '../report-error';
import { createHttpServer } from '../../server/http-server';
import { resolveRendererDir } from '../../server/renderer-dir';
import { formatListen, parseListen, remoteRefusal, type ListenAddress } from '../../server/listen';
import {
  DATABASE_URL_ENV,
  describeTarget,
  openCoreFor,
  parseDatabaseUrl,
  type DatabaseTarget,
} from '../../server/database-url';
import {
  DEFAULT_SHUTDOWN_TIMEOUT_S,
  drainableFor,
  firstSignal,
  shutDown,
} from '../../server/graceful-shutdown';
import type { DataDirSource } from '../data-dir-check';
import { stringOption } from './serve';

export const LISTEN_ENV = 'LANYARD_LISTEN';
export const LOG_FORMAT_ENV = 'LANYARD_LOG_FORMAT';
export const DEFAULT_LISTEN = '127.0.0.1:8080';
const MAX_SHUTDOWN_TIMEOUT_S = 3600;
const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** A setting given wrongly: logged, exit 2. */
const usage = (message: string, hint?: string): LanyardError =>
  new LanyardError('bad_input', message, hint ? { hint } : {});

/** --log-format, else LANYARD_LOG_FORMAT, else json. Checked before anything is logged (it decides how). */
export const logFormatOf = (flag: string | undefined, env: NodeJS.ProcessEnv): 'json' | 'text' | null => {
  const v = flag ?? (env[LOG_FORMAT_ENV] || 'json');
  return v === 'json' || v === 'text' ? v : null;
};

/** Whole seconds from 1 to 3600 (0 would call a shutdown with nothing in flight timed out), or null. */
export const parseShutdownTimeout = (value: string | undefined): number | null => {
  if (value === undefined) return DEFAULT_SHUTDOWN_TIMEOUT_S;
  if (!/^\d{1,4}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= MAX_SHUTDOWN_TIMEOUT_S ? n : null;
};

/**
 * The store: --database, else --data-dir, else LANYARD_DATABASE_URL, else LANYARD_DATA_DIR or the default data
 * folder (main() has resolved those two into `dataDir`). --database and --data-dir together must agree.
 */
export const databaseTarget = (
  args: Pick<CliRunArgs, 'values' | 'dataDir'>,
  env: NodeJS.ProcessEnv,
): { target: DatabaseTarget; source: DataDirSource } => {
  const flag = stringOption(args.values.database);
  const dirFlag = typeof args.values['data-dir'] === 'string';
  if (flag !== undefined) {
    const target = parseDatabaseUrl(flag, '--database');
    if (dirFlag && !(target.kind === 'sqlite' && target.dataDir === args.dataDir))
      throw usage('--database and --data-dir name different stores.', 'Give only one of them.');
    return { target, source: 'default' };
  }
  const fromEnv = env[DATABASE_URL_ENV];
  if (!dirFlag && fromEnv) return { target: parseDatabaseUrl(fromEnv, DATABASE_URL_ENV), source: 'default' };
  const source: DataDirSource = dirFlag
    ? '--data-dir'
    : env.LANYARD_DATA_DIR
      ? 'LANYARD_DATA_DIR'
      : 'default';
  return { target: { kind: 'sqlite', dataDir: args.dataDir }, source };
};

/** --listen, else LANYARD_LISTEN, else 127.0.0.1:8080; a non-loopback address needs --allow-remote. */
export const listenAddress = (
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  allowRemote: boolean,
): ListenAddress => {
  const text = flag ?? (env[LISTEN_ENV] || DEFAULT_LISTEN);
  const parsed = parseListen(text);
  if ('error' in parsed)
    throw usage(flag === undefined ? parsed.error.replace('--listen', LISTEN_ENV) : parsed.error);
  const refusal = remoteRefusal(parsed.host, allowRemote);
  if (refusal) throw usage(refusal);
  return parsed;
};

/** createHttpServer logs its own "listening" (the origin only); the server's line with the URL replaces it. */
const withoutOwnListening = (log: Logger): Logger => ({
  ...log,
  info: (message, fields) => {
    if (message !== 'listening') log.info(message, fields);
  },
});

const loggerFor = (format: 'json' | 'text', io: CliRunArgs['io']): Logger => {
  const wanted = io.env.LANYARD_LOG_LEVEL as LogLevel | undefined;
  const level = wanted && LOG_LEVELS.includes(wanted) ? wanted : 'info';
  return createLogger(format === 'json' ? jsonLinesSink(io.stdout, level) : stderrSink(level));
};

export const serverCommands: CliCommand[] = [
  {
    words: ['server'],
    usage:
      'lanyard server [--database URL] [--listen HOST:PORT [--allow-remote]] [--log-format json|text] [--shutdown-timeout S] [--renderer-dir DIR]',
    summary: 'Run Lanyard as a service: core, scheduler and web UI, JSON logs, graceful shutdown',
    help: [
      'Logs one JSON object per line on stdout; the line {"msg":"listening","url":…} has the one-time sign-in address.',
      'Probes without sign-in: GET /healthz (the process answers), GET /readyz (database, schema, scheduler).',
      '  --database URL       sqlite:/path/to/data-folder, or postgres://USER:PASSWORD@HOST/DB (not in this build yet);',
      `                       default: $${DATABASE_URL_ENV}, else the data folder (--data-dir, $LANYARD_DATA_DIR)`,
      `  --listen HOST:PORT   address to listen on, IPv6 in brackets (default: $${LISTEN_ENV}, else ${DEFAULT_LISTEN})`,
      '  --allow-remote       allow a non-loopback address (anyone who learns the token can then administer Lanyard)',
      `  --log-format F       json (default, on stdout) or text (on stderr); default: $${LOG_FORMAT_ENV}`,
      `  --shutdown-timeout S on SIGTERM/SIGINT, wait up to S seconds (default ${DEFAULT_SHUTDOWN_TIMEOUT_S}) for a sync run in flight;`,
      '                       after that, exit 1: its remaining ops stay journaled and the next start reconciles them',
      '  --renderer-dir DIR   the built renderer (default: $LANYARD_RENDERER_DIR, else out/renderer of the package)',
      'Exit codes: 0 stopped cleanly, 1 failed or stopped with work in flight, 2 bad settings.',
    ].join('\n'),
    args: { max: 0 },
    options: {
      database: { type: 'string' },
      listen: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      'log-format': { type: 'string' },
      'shutdown-timeout': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
    async run(args) {
      const { values, io } = args;
      const format = logFormatOf(stringOption(values['log-format']), io.env);
      if (format === null) {
        io.stderr.write(`lanyard server: the log format must be json or text.\n`);
        return 2;
      }
      const root = loggerFor(format, io);
      const log = root.child('server');
      let core: Awaited<ReturnType<typeof openCoreFor>> | null = null;
      try {
        const timeoutS = parseShutdownTimeout(stringOption(values['shutdown-timeout']));
        if (timeoutS === null)
          throw usage(`--shutdown-timeout must be whole seconds from 1 to ${MAX_SHUTDOWN_TIMEOUT_S}.`);
        const allowRemote = values['allow-remote'] === true;
        const address = listenAddress(stringOption(values.listen), io.env, allowRemote);
        const { target, source } = databaseTarget(args, io.env);
        const rendererDir = resolveRendererDir(stringOption(values['renderer-dir']), io.env);
        log.info('starting', { database: describeTarget(target), listen: formatListen(address) });

        core = await openCoreFor(target, { log: root, env: io.env, source });
        const server = await createHttpServer({
          core,
          rendererDir,
          host: address.host,
          port: address.port,
          allowRemote,
          log: withoutOwnListening(root.child('http')),
        });
        const signal = firstSignal({ log });
        log.info('listening', {
          url: server.url,
          origin: server.origin,
          scheduler: core.context.schedulerOwner() ? 'this process runs it' : 'standby',
        });
        return await shutDown(await signal, drainableFor(core, server), {
          log,
          timeoutMs: timeoutS * 1000,
        });
      } catch (err) {
        core?.close();
        const e = toApiError(err);
        log.error(e.message, { code: e.code, ...(e.hint ? { hint: e.hint } : {}) });
        return exitCodeFor(e);
      }
    },
  },
];
