// `npm run demo`: a guided tour of Lanyard with nothing to set up. Starts the stand-ins (Okta-compatible directory
// with the demo company, a SCIM app, a GitHub org), writes a workspace pointing at them into a fresh data folder,
// runs the first sync, serves the UI on 127.0.0.1 and prints its URL, then keeps everything live so a scripted
// leaver can arrive and flow through review, revocation and evidence. Ctrl-C stops it all and leaves nothing running.
//
// Usage: node --import tsx demo/run.ts [--data-dir DIR] [--port N]
// Env: LANYARD_DEMO_LEAVER_SECONDS (default 60), LANYARD_KEYCHAIN_SERVICE (default "Lanyard-demo"),
//      LANYARD_LOG_LEVEL (default warn), LANYARD_DEMO_JSON=1 (also print one machine-readable "LANYARD_DEMO {…}" line).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLanyard, type Lanyard } from '../electron/app/create-lanyard';
import { createLogger, stderrSink, type LogLevel } from '../electron/log/logger';
import { createKeychainStore } from '../electron/secrets/keychain';
import { createHttpServer, type LanyardHttpServer } from '../electron/server/http-server';
import { resolveRendererDir } from '../electron/server/renderer-dir';
import { demoLeaver, demoPeople } from './people';
import { startStandIns, type StandIns } from './stand-ins';
import { TOKEN_ENV, demoWorkspaceYaml } from './workspace';
import { leaverDelaySeconds, scheduleLeaver, type ScheduledLeaver } from './leaver';
import { callCore, settleFirstSync, waitForIdle } from './core-calls';
import { tourText } from './tour';

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);

interface Running {
  standIns: StandIns | null;
  core: Lanyard | null;
  server: LanyardHttpServer | null;
  leaver: ScheduledLeaver | null;
}
const running: Running = { standIns: null, core: null, server: null, leaver: null };
let dataDirInUse: string | null = null;

/** Stops every part that started, newest first; one part failing does not keep the others running. */
let stopping: Promise<boolean> | null = null;
const stop = (): Promise<boolean> =>
  (stopping ??= (async () => {
    let clean = true;
    const step = async (what: string, fn: () => unknown): Promise<void> => {
      try {
        await fn();
      } catch (e) {
        clean = false;
        err(`lanyard demo: could not stop ${what}: ${(e as Error).message}`);
      }
    };
    const { leaver, server, core, standIns } = running;
    if (leaver) await step('the scripted leaver', () => leaver.cancel());
    if (server) await step('the web server', () => server.close());
    if (core) {
      // Let a run in flight finish (bounded) so it does not meet a closed database.
      await step('the sync in progress', () => waitForIdle(core, 20_000));
      await step('the core', () => core.close());
    }
    if (standIns) await step('the stand-ins', () => standIns.close());
    return clean;
  })());

const onSignal = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  out(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping the demo…`);
  void stop().then((clean) => {
    out(
      clean ? 'Lanyard demo stopped; nothing is left running.' : 'Lanyard demo stopped, with errors (above).',
    );
    if (dataDirInUse) out(`Its data folder (database and audit ledger) stays at ${dataDirInUse}.`);
    process.exit(clean ? 0 : 1);
  });
};

const parse = (): { dataDir: string | null; port: number } => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    out('Usage: npm run demo [-- --data-dir DIR] [--port N]');
    out(
      'Runs Lanyard against local stand-ins of Okta, a SCIM app and a GitHub org. Ctrl-C stops everything.',
    );
    process.exit(0);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port must be 0–65535');
  return { dataDir: values['data-dir'] ?? null, port };
};

/** A fresh folder: the demo's first sync assumes the stand-ins and the data folder start out empty together. */
const prepareDataDir = (flag: string | null): string => {
  if (!flag) return fs.mkdtempSync(path.join(os.tmpdir(), 'lanyard-demo-'));
  const dir = path.resolve(flag);
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).length > 0)
    throw new Error(`${dir} is not empty; the demo needs an empty (or new) data folder`);
  return dir;
};

const main = async (): Promise<void> => {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const { dataDir: dirFlag, port } = parse();
  const leaveAfter = leaverDelaySeconds(process.env);
  const dataDir = (dataDirInUse = prepareDataDir(dirFlag));
  out(`Lanyard demo: data folder ${dataDir}`);

  const people = demoPeople();
  const standIns = (running.standIns = await startStandIns(people));
  out(
    `Stand-ins: Okta ${standIns.okta.url} · Slack (SCIM) ${standIns.scim.url} · GitHub ${standIns.github.url}`,
  );

  // The workspace's secrets are env: references to these; the keychain is never written.
  process.env[TOKEN_ENV.okta] = standIns.tokens.okta;
  process.env[TOKEN_ENV.scim] = standIns.tokens.scim;
  process.env[TOKEN_ENV.github] = standIns.tokens.github;
  const level = process.env.LANYARD_LOG_LEVEL as LogLevel | undefined;
  const openCore = (scheduler: boolean): Lanyard =>
    (running.core = createLanyard({
      dataDir,
      secrets: createKeychainStore(process.env.LANYARD_KEYCHAIN_SERVICE || 'Lanyard-demo'),
      log: createLogger(
        stderrSink(level && ['debug', 'info', 'warn', 'error'].includes(level) ? level : 'warn'),
      ),
      env: process.env,
      scheduler,
    }));

  // Set-up runs on a core without the scheduler, so the first sync is this one (and its output is what we print),
  // not a scheduled run that noticed the new workspace first.
  const setup = openCore(false);
  const yaml = demoWorkspaceYaml(standIns);
  const workspaceFile = path.join(dataDir, 'demo-workspace.yaml');
  fs.writeFileSync(workspaceFile, yaml);
  const applied = await callCore(setup, 'config.apply', { yaml });
  out(`Workspace applied (${workspaceFile}): ${applied.summary}`);
  const pulled = await callCore(setup, 'directory.pull', {});
  out(
    `Directory read: ${pulled.people} people (${pulled.byStatus.active ?? 0} active), ${pulled.groups} groups`,
  );
  if (stopping) return;

  out('First sync…');
  const first = await callCore(setup, 'sync.run', { full: true });
  for (const [appId, st] of Object.entries(first.run.stats?.apps ?? {}))
    out(`  ${appId}: ${st.applied} changes applied, ${st.held} held, ${st.failed} failed (${st.status})`);
  await settleFirstSync(setup, standIns, people);
  if (stopping) return;
  running.core = null;
  setup.close();

  // From here on the scheduler polls the directory every few seconds, as the desktop app and `lanyard serve` do.
  const core = openCore(true);
  const server = (running.server = await createHttpServer({
    core,
    rendererDir: resolveRendererDir(undefined, process.env),
    port,
    log: core.context.log.child('server'),
  }));
  if (stopping) return;

  const leaver = demoLeaver(people);
  running.leaver = scheduleLeaver(
    standIns.okta,
    standIns.oktaIds.get(leaver.email)!,
    leaver,
    leaveAfter,
    (p) =>
      out(`\n→ ${p.firstName} ${p.lastName} (${p.email}) was just deactivated in Okta. Watch Offboarding.`),
  );

  out('');
  out(`Lanyard demo is running at ${server.url}`);
  out(tourText(leaver, leaveAfter));
  if (process.env.LANYARD_DEMO_JSON === '1') {
    out(
      `LANYARD_DEMO ${JSON.stringify({
        url: server.url,
        origin: server.origin,
        token: server.token,
        dataDir,
        leaver: { email: leaver.email, seconds: leaveAfter },
        standIns: {
          okta: { url: standIns.okta.url, token: standIns.tokens.okta },
          scim: { url: standIns.scim.url, token: standIns.tokens.scim },
          github: { url: standIns.github.url, token: standIns.tokens.github, org: standIns.github.org },
        },
      })}`,
    );
  }
};

main().catch(async (e: unknown) => {
  // A Ctrl-C during start-up closes parts under the start-up's feet; onSignal reports and exits.
  if (stopping) return;
  err(`lanyard demo: ${(e as Error).message}`);
  await stop();
  process.exit(1);
});
