#!/usr/bin/env node
// `npm test`: the one command that checks everything, in order — typecheck, lint, build, unit + integration
// tests, e2e. Stops at the first failing step and exits with its code.
//
// The keychain tests talk to a real Secret Service. On Linux without a D-Bus session (CI, containers, SSH), this
// script re-runs itself inside a private D-Bus session with a throwaway, unlocked gnome-keyring whose files live in
// a temporary folder (so the user's own keyrings are neither used nor touched).
//
// LANYARD_TEST_STEPS=unit,e2e runs a subset (names: typecheck, lint, build, unit, e2e). Plain ESM, no dependencies.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const isWindows = process.platform === 'win32';

/** @type {{ name: string, cmd: string, args: string[], when?: () => string | null }[]} */
const STEPS = [
  { name: 'typecheck', cmd: npm, args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: npm, args: ['run', '--silent', 'lint'] },
  { name: 'build', cmd: npm, args: ['run', '--silent', 'build'] },
  { name: 'unit', cmd: npx, args: ['vitest', 'run'] },
  {
    name: 'e2e',
    cmd: npx,
    args: ['playwright', 'test'],
    when: () => (fs.existsSync(path.join(root, 'playwright.config.ts')) ? null : 'no playwright.config.ts'),
  },
];

const say = (msg) => console.log(`\n\x1b[1m▶ ${msg}\x1b[0m`);
const fail = (msg, code = 1) => {
  console.error(`\n\x1b[31m✖ ${msg}\x1b[0m`);
  process.exit(code);
};

const checkNode = () => {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    fail(`Node ${process.versions.node} is too old: Lanyard needs Node ≥ 20.19.`);
};

const selectedSteps = () => {
  const wanted = (process.env.LANYARD_TEST_STEPS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length === 0) return STEPS;
  const unknown = wanted.filter((w) => !STEPS.some((s) => s.name === w));
  if (unknown.length) {
    fail(
      `LANYARD_TEST_STEPS names unknown step(s): ${unknown.join(', ')}. Known: ${STEPS.map((s) => s.name).join(', ')}.`,
      2,
    );
  }
  return STEPS.filter((s) => wanted.includes(s.name));
};

const hasBinary = (name) =>
  (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Whether the keychain steps can run here; on Linux that means a D-Bus session bus to find the Secret Service on. */
const needsSecretService = (steps) =>
  process.platform === 'linux' &&
  !process.env.DBUS_SESSION_BUS_ADDRESS &&
  steps.some((s) => s.name === 'unit' || s.name === 'e2e');

/** Re-runs this script inside `dbus-run-session` with an unlocked throwaway gnome-keyring; exits with its code. */
const reexecWithSecretService = () => {
  if (process.env.LANYARD_TEST_IN_DBUS) {
    fail(
      'Started a D-Bus session, but DBUS_SESSION_BUS_ADDRESS is still not set; cannot reach a Secret Service.',
    );
  }
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((b) => !hasBinary(b));
  if (missing.length) {
    fail(
      `No Secret Service is reachable (DBUS_SESSION_BUS_ADDRESS is not set) and ${missing.join(' and ')} ` +
        'cannot be found to start one.\n  The keychain tests need it. On Debian/Ubuntu: ' +
        'sudo apt-get install -y gnome-keyring dbus-x11\n  or run inside your desktop session.',
    );
  }
  const keyringHome = fs.mkdtempSync(path.join(os.tmpdir(), 'lanyard-test-keyring-'));
  say(`No D-Bus session: running the tests in a private one with a throwaway gnome-keyring (${keyringHome})`);
  // The daemon reads the unlock password on stdin; --unlock creates the login keyring under XDG_DATA_HOME if absent.
  const script =
    'printf %s lanyard | XDG_DATA_HOME="$LANYARD_TEST_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null' +
    ' && exec "$0" "$@"';
  const r = spawnSync(
    'dbus-run-session',
    ['--', 'sh', '-c', script, process.execPath, ...process.argv.slice(1)],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, LANYARD_TEST_IN_DBUS: '1', LANYARD_TEST_KEYRING_HOME: keyringHome },
    },
  );
  fs.rmSync(keyringHome, { recursive: true, force: true });
  if (r.error) fail(`Could not start dbus-run-session: ${r.error.message}`);
  process.exit(r.status ?? 1);
};

const runSteps = (steps) => {
  const started = Date.now();
  // When this run builds first, child-process tests start the built CLI (out/main/cli.js) instead of compiling
  // the TypeScript sources through tsx at every start: the same code, several times faster to spawn.
  const env = steps.some((s) => s.name === 'build')
    ? { ...process.env, LANYARD_TEST_CLI: 'built' }
    : process.env;
  for (const step of steps) {
    const skip = step.when?.();
    if (skip) {
      say(`${step.name}: skipped (${skip})`);
      continue;
    }
    say(`${step.name}: ${path.basename(step.cmd)} ${step.args.join(' ')}`);
    const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', shell: isWindows, env });
    if (r.error) fail(`Step "${step.name}" could not start: ${r.error.message}`);
    if (r.status !== 0) {
      fail(
        `Step "${step.name}" failed (${r.signal ? `signal ${r.signal}` : `exit code ${r.status}`}).`,
        r.status || 1,
      );
    }
  }
  const secs = Math.round((Date.now() - started) / 1000);
  console.log(`\n\x1b[32m✔ All steps passed: ${steps.map((s) => s.name).join(', ')} (${secs} s)\x1b[0m`);
};

checkNode();
const steps = selectedSteps();
if (needsSecretService(steps)) reexecWithSecretService();
else runSteps(steps);
