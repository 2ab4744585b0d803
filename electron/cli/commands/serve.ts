// `lanyard serve`: the headless server. Opens the core (as scheduler owner), serves the renderer and the API on
// loopback, prints the address with its one-time token, and runs until SIGINT/SIGTERM.
import { CliUsageError, terminalText, type CliCommand, type CliIO } from '../command';
import { LanyardError } from '../../app/errors';
import { createHttpServer } from '../../server/http-server';
import { isLoopbackHost } from '../../server/request-guard';
import { resolveRendererDir } from '../../server/renderer-dir';
import { openBrowser } from '../../server/open-browser';

/** A port number 0–65535 (0 lets the system choose), or null. */
export const parsePort = (value: string | undefined): number | null => {
  if (value === undefined) return 0;
  if (!/^\d{1,5}$/.test(value)) return null;
  const n = Number(value);
  return n <= 65_535 ? n : null;
};

const stringOption = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const waitForShutdown = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    const onSignal = (signal: NodeJS.Signals): void => {
      for (const s of signals) process.off(s, onSignal);
      resolve(signal);
    };
    for (const s of signals) process.on(s, onSignal);
  });

const fail = (io: CliIO, code: number, message: string, hint?: string): number => {
  io.stderr.write(terminalText(`lanyard serve: ${message}\n${hint ? `${hint}\n` : ''}`));
  return code;
};

export const serveCommands: CliCommand[] = [
  {
    words: ['serve'],
    usage: 'lanyard serve [--port N] [--host H --allow-remote] [--open] [--renderer-dir DIR]',
    summary: 'Run Lanyard headless and use it from a browser (loopback only unless --allow-remote)',
    help: [
      'Prints "Lanyard is running at http://127.0.0.1:PORT/?token=TOKEN" (with --json: {"url","port"}) and runs until Ctrl-C.',
      '  --port N           port to listen on (default 0: the system picks a free one)',
      '  --host H           address to listen on (default 127.0.0.1); other than loopback needs --allow-remote',
      '  --allow-remote     allow a non-loopback --host (anyone who learns the token can then administer Lanyard)',
      '  --open             open the address in the default browser',
      '  --renderer-dir DIR the built renderer (default: $LANYARD_RENDERER_DIR, else out/renderer of the package)',
    ].join('\n'),
    args: { max: 0 },
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      open: { type: 'boolean' },
      'renderer-dir': { type: 'string' },
    },
    async run({ values, openCore, io }) {
      const port = parsePort(stringOption(values.port));
      if (port === null) {
        throw new CliUsageError(
          `--port must be a whole number from 0 to 65535 (got "${String(values.port)}"); 0 lets the system choose.`,
        );
      }
      const host = stringOption(values.host) ?? '127.0.0.1';
      const allowRemote = values['allow-remote'] === true;
      if (!isLoopbackHost(host)) {
        if (!allowRemote) {
          throw new CliUsageError(
            `refusing to listen on ${host}: it is reachable from other machines. Pass --allow-remote to do it anyway.`,
          );
        }
        io.stderr.write(
          `WARNING: Lanyard is listening on ${host}, not only on this machine. Anyone who can reach it and learns the token can administer your workspace.\n`,
        );
      }
      const rendererDir = resolveRendererDir(stringOption(values['renderer-dir']), io.env);

      // run() resolves only at shutdown, after closing the core itself; keepOpen says so to main().
      const core = openCore({ scheduler: true, keepOpen: true });
      const log = core.context.log.child('server');
      let server;
      try {
        server = await createHttpServer({ core, rendererDir, host, port, allowRemote, log });
      } catch (err) {
        core.close();
        if (err instanceof LanyardError)
          return fail(io, err.code === 'forbidden' ? 2 : 1, err.message, err.hint);
        throw err;
      }

      const shutdown = waitForShutdown();
      if (io.json) io.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
      else io.stdout.write(`Lanyard is running at ${server.url}\n`);
      if (values.open === true) openBrowser(server.url, log);

      const signal = await shutdown;
      log.info('shutting down', { signal });
      await server.close();
      core.close();
      return 0;
    },
  },
];
