// `lanyard serve`: the headless server. Opens the core (as scheduler owner), serves the renderer and the API on
// loopback, prints the address with its one-time token, and runs until SIGINT/SIGTERM, then shuts down gracefully
// (electron/server/graceful-shutdown.ts). `lanyard server` (server.ts) is the same for a service: JSON logs, a
// database URL, HOST:PORT.
import { CliUsageError, terminalText, type CliCommand, type CliIO } from '../command';
import { LanyardError } from '../../app/errors';
import { createHttpServer } from '../../server/http-server';
import { resolveRendererDir } from '../../server/renderer-dir';
import { openBrowser } from '../../server/open-browser';
import { parsePort, remoteRefusal, remoteWarning } from '../../server/listen';
import {
  DEFAULT_SHUTDOWN_TIMEOUT_S,
  drainableFor,
  firstSignal,
  shutDown,
} from '../../server/graceful-shutdown';

export { parsePort };

export const stringOption = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

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
      const refusal = remoteRefusal(host, allowRemote);
      if (refusal) throw new CliUsageError(refusal);
      const warning = remoteWarning(host);
      if (warning) io.stderr.write(`WARNING: ${warning}\n`);
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

      const shutdown = firstSignal({ log });
      if (io.json) io.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
      else io.stdout.write(`Lanyard is running at ${server.url}\n`);
      if (values.open === true) openBrowser(server.url, log);

      return shutDown(await shutdown, drainableFor(core, server), {
        log,
        timeoutMs: DEFAULT_SHUTDOWN_TIMEOUT_S * 1000,
      });
    },
  },
];
