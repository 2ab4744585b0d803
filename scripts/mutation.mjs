// `npm run mutation [-- MODULE…] [--incremental] [--update-docs]`: runs StrykerJS once per module of
// stryker.config.mjs (each module judged by its own tests only), then prints the mutation score of every file and
// exits 1 when a file is under the target (85 %).
//   MODULE…         only these modules (default: all); e.g. `npm run mutation -- audit deprovision`
//   --incremental   reuse the previous run's results for unchanged code and tests (scratch/mutation/)
//   --update-docs   rewrite the score table in docs/mutation.md (the rows of these modules)
//   --no-run        do not run Stryker: report (and update docs) from the last reports
// Reports: scratch/mutation/MODULE.html (open in a browser) and MODULE.json.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from '../stryker.config.mjs';

const TARGET = 85;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Some modules' tests use the real OS keychain (as `npm test` does): on Linux without a D-Bus session, re-run this
// script inside a private one with a throwaway, unlocked gnome-keyring (see scripts/test.mjs).
if (
  process.platform === 'linux' &&
  !process.env.DBUS_SESSION_BUS_ADDRESS &&
  !process.env.LANYARD_MUTATION_IN_DBUS
) {
  const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
  if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
    const keyringHome = mkdtempSync(path.join(os.tmpdir(), 'lanyard-mutation-keyring-'));
    const script =
      'printf %s lanyard | XDG_DATA_HOME="$LANYARD_TEST_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null' +
      ' && exec "$0" "$@"';
    const r = spawnSync(
      'dbus-run-session',
      ['--', 'sh', '-c', script, process.execPath, ...process.argv.slice(1)],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, LANYARD_MUTATION_IN_DBUS: '1', LANYARD_TEST_KEYRING_HOME: keyringHome },
      },
    );
    rmSync(keyringHome, { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
  console.warn('No D-Bus session and no dbus-run-session/gnome-keyring-daemon: keychain tests will fail.');
}
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const known = new Set(['--incremental', '--update-docs', '--no-run']);
for (const f of flags) if (!known.has(f)) throw new Error(`unknown option ${f}`);
const names = args.filter((a) => !a.startsWith('--'));
const modules = names.length ? names : Object.keys(MODULES);
for (const m of modules)
  if (!MODULES[m]) throw new Error(`unknown module "${m}"; known: ${Object.keys(MODULES).join(', ')}`);

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Per-file counts from a Stryker JSON report (mutation-testing-report-schema). */
const scoresOf = (report) =>
  Object.entries(report.files).map(([file, { mutants }]) => {
    const count = (set) => mutants.filter((m) => set.has(m.status)).length;
    const detected = count(DETECTED);
    const undetected = count(UNDETECTED);
    const valid = detected + undetected;
    return {
      file: path.relative(root, path.resolve(root, file)),
      detected,
      survived: mutants.filter((m) => m.status === 'Survived').length,
      noCoverage: mutants.filter((m) => m.status === 'NoCoverage').length,
      score: valid ? (100 * detected) / valid : 100,
      valid,
    };
  });

const rows = [];
let failedRuns = 0;
for (const m of modules) {
  const reportFile = path.join(root, 'scratch/mutation', `${m}.json`);
  let status = 0;
  if (!flags.has('--no-run')) {
    console.log(`\n=== mutation: ${m} (${MODULES[m].mutate.join(', ')}) ===`);
    status = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        LANYARD_MUTATION: m,
        ...(flags.has('--incremental') ? { LANYARD_MUTATION_INCREMENTAL: '1' } : {}),
      },
    }).status;
  }
  if (status !== 0 || !existsSync(reportFile)) {
    console.error(`stryker failed for module ${m} (exit ${status}, report ${reportFile})`);
    failedRuns++;
    continue;
  }
  for (const s of scoresOf(JSON.parse(readFileSync(reportFile, 'utf8')))) rows.push({ module: m, ...s });
}

const pct = (n) => `${n.toFixed(1)} %`;
const header = [
  '| module | file | score | killed | survived | no coverage |',
  '| ------ | ---- | ----: | -----: | -------: | ----------: |',
];
const line = (r) =>
  `| ${r.module} | \`${r.file}\` | ${pct(r.score)} | ${r.detected} | ${r.survived} | ${r.noCoverage} |`;
console.log(
  `\nMutation score per file (target ≥ ${TARGET} %):\n\n${[...header, ...rows.map(line)].join('\n')}\n`,
);

if (flags.has('--update-docs')) {
  // Replaces the rows of the modules just run (and their date) in docs/mutation.md; other modules' rows stay.
  const docs = path.join(root, 'docs/mutation.md');
  const text = readFileSync(docs, 'utf8');
  const start = '<!-- scores:start -->';
  const end = '<!-- scores:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/mutation.md lacks the ${start} … ${end} markers`);
  const day = new Date().toISOString().slice(0, 10);
  const kept = text
    .slice(i + start.length, j)
    .split('\n')
    .filter((l) => /^\| [a-z]/.test(l) && !l.startsWith('| module '))
    .filter((l) => !modules.includes(l.split('|')[1].trim()));
  const fresh = rows.map((r) => `${line(r)} ${day} |`);
  const order = Object.keys(MODULES);
  const all = [...kept, ...fresh].sort(
    (a, b) => order.indexOf(a.split('|')[1].trim()) - order.indexOf(b.split('|')[1].trim()),
  );
  const table = [
    '| module | file | score | killed | survived | no coverage | measured |',
    '| ------ | ---- | ----: | -----: | -------: | ----------: | -------- |',
    ...all,
  ].join('\n');
  writeFileSync(docs, `${text.slice(0, i + start.length)}\n${table}\n${text.slice(j)}`);
  // Keep `npm run lint` (prettier --check) green: align the table as prettier would.
  spawnSync('npx', ['prettier', '--write', 'docs/mutation.md'], { cwd: root, stdio: 'ignore' });
  console.log('docs/mutation.md updated');
}

const below = rows.filter((r) => r.score < TARGET);
for (const r of below) console.error(`below target: ${r.file} ${pct(r.score)}`);
process.exit(failedRuns || below.length ? 1 : 0);
