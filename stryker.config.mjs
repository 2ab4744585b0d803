// Mutation testing (StrykerJS 9.6, vitest runner) of Lanyard's safety-critical modules. `npm run mutation` runs
// scripts/mutation.mjs, which runs Stryker once per module below (so each module is judged by its own tests only)
// and prints the score per file; docs/mutation.md has the current scores and the equivalent mutants.
//
// To cover another file: add it to an existing module's `mutate`, or add a module { mutate, tests }. `tests` are
// the test files that are meant to catch bugs in it (globs allowed); with per-test coverage Stryker then runs only
// the tests that reach each mutant. Keep tests that need a browser or spawn the built CLI out of `tests` (they
// would not see the mutants); tests that need the OS keychain are fine through `npm run mutation`, which starts a
// throwaway one like `npm test` does.
//
// Run one or more modules directly: LANYARD_MUTATION=audit,correlate npx stryker run
// (or `npm run mutation -- audit correlate`).

/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
export const MODULES = {
  // The audit ledger: row hash, chain and head anchor, verify, the seal and its anchors, the trigger check.
  audit: {
    mutate: [
      'electron/audit/hash.ts',
      'electron/audit/row.ts',
      'electron/audit/ledger.ts',
      'electron/audit/verify-chain.ts',
      'electron/audit/seal.ts',
      'electron/audit/sealer.ts',
      'electron/audit/protections.ts',
    ],
    tests: [
      'test/unit/audit/known-answer.test.ts',
      'test/unit/audit/seal*.test.ts',
      'test/unit/audit/ledger-chain.test.ts',
      'test/unit/audit/tamper.test.ts',
      'test/unit/audit/verify-edges.test.ts',
      'test/unit/audit/filters.test.ts',
    ],
  },
  // Which directory person each app account belongs to.
  correlate: {
    mutate: ['electron/sync/correlate.ts'],
    tests: [
      'test/unit/sync/correlate*.test.ts',
      'test/unit/sync/identity-guard.test.ts',
      'test/unit/sync/plan.test.ts',
    ],
  },
  // Deprovision modes: deactivate, delete, deactivate then delete after N days.
  deprovision: {
    mutate: ['electron/sync/deprovision.ts'],
    tests: ['test/unit/sync/deprovision*.test.ts'],
  },
  // SCIM 2.0 client: paging, users, mapping.
  scim: {
    mutate: ['electron/apps/scim/paging.ts', 'electron/apps/scim/users.ts', 'electron/apps/scim/mapping.ts'],
    // apps-api drives the SCIM client through the core (malformed answers, errors); it needs the OS keychain,
    // which `npm run mutation` provides as `npm test` does.
    tests: [
      'test/unit/apps/scim-*.test.ts',
      'test/unit/apps/scimmy-*.test.ts',
      'test/unit/apps/apps-api.test.ts',
    ],
  },
  // GitHub org membership: who is who (logins, invitations) and how they are read and written.
  github: {
    mutate: [
      'electron/apps/github/wire.ts',
      'electron/apps/github/read.ts',
      'electron/apps/github/write.ts',
      'electron/apps/github/invite.ts',
    ],
    tests: ['test/unit/apps/github-*.test.ts'],
  },
  // Directory delta cursors: Entra delta links, Okta System Log polling.
  directory: {
    mutate: ['electron/directory/entra/delta.ts', 'electron/directory/okta/system-log.ts'],
    tests: ['test/unit/directory/entra-*.test.ts', 'test/unit/directory/okta-*.test.ts'],
  },
  // The gate's guardrails (pure): limits per run and window, per app and in total, sources, what is destructive.
  guard: {
    mutate: ['electron/sync/guard.ts', 'electron/sync/roles.ts', 'electron/sync/ops.ts'],
    tests: [
      'test/unit/gate/guard-limits.test.ts',
      'test/unit/sync/guard.test.ts',
      'test/unit/gate/guard-mutants.test.ts',
      'test/unit/gate/roles-ops.test.ts',
    ],
  },
  // The gate's small pure(ish) parts: failure classes (what quarantines an app), honest reconcile (is an
  // interrupted op's intended state shown), safe start (nothing is applied before the first review).
  gatePure: {
    mutate: [
      'electron/sync/gate/failure.ts',
      'electron/sync/gate/verify-state.ts',
      'electron/sync/gate/safe-start.ts',
    ],
    tests: [
      'test/unit/gate/failure.test.ts',
      'test/unit/gate/verify-state.test.ts',
      'test/unit/gate/gate-pure-mutants.test.ts',
    ],
  },
  // The gate (gate.ts: guard, journal-and-execute, a quarantined app's revocations with backoff; idp-lane.ts: the
  // kill switch; reread.ts: ops left running by a crash, re-read by id). Failure classes, reconcile checks and safe
  // start: gatePure. Each part of the gate is its own module with the tests meant for it: every mutant here is
  // reached by nearly every test that runs a sync (a second or more each), so the end-to-end sync tests
  // (initial-sync, sync-cli, the GitHub and membership ones, the 300-person mass-suspension.test.ts at ~12 s) would
  // cost minutes per mutant and are left out.
  gate: {
    mutate: ['electron/sync/gate/gate.ts', 'electron/sync/gate/idp-lane.ts', 'electron/sync/gate/reread.ts'],
    tests: [
      'test/unit/gate/gate-mutants.test.ts',
      'test/unit/gate/gate-edges-mutants.test.ts',
      'test/unit/gate/reread-mutants.test.ts',
    ],
  },
  // Approvals re-planned before they execute (superseded, replaced, kept).
  gateReplan: {
    mutate: ['electron/sync/gate/replan.ts'],
    tests: [
      'test/unit/gate/replan-mutants.test.ts',
      'test/unit/gate/replan-idp-mutants.test.ts',
      'test/unit/gate/scenarios.test.ts',
    ],
  },
  // One app's ops applied: revocations first, outcomes with their ledger events, quarantine.
  gateApply: {
    mutate: ['electron/sync/engine/apply.ts'],
    tests: [
      'test/unit/gate/apply-mutants.test.ts',
      'test/unit/gate/gate-edges-mutants.test.ts',
      'test/unit/gate/identity.test.ts',
      'test/unit/sync-engine/guardrails.test.ts',
    ],
  },
  // The journal and the gate's journaling step, on a real SQLite file and the real ledger.
  gateJournal: {
    mutate: ['electron/sync/engine/journal.ts', 'electron/sync/engine/reconcile.ts'],
    tests: ['test/unit/gate/journal-mutants.test.ts'],
  },
};

const env = (name, fallback) => process.env[name] ?? fallback;

/** The modules named in LANYARD_MUTATION (comma-separated; default all). */
export const selectedModules = () => {
  const names = env('LANYARD_MUTATION', Object.keys(MODULES).join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names)
    if (!MODULES[name])
      throw new Error(`unknown mutation module "${name}"; known: ${Object.keys(MODULES).join(', ')}`);
  return names;
};
const selected = selectedModules();
const label = selected.join('+');
const pick = (key) => [...new Set(selected.flatMap((name) => MODULES[name][key]))];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The module's tests are selected by this config's `include`, not with Stryker's `testFiles` (see there why).
  vitest: { configFile: 'scripts/mutation-vitest.config.mjs', related: false },
  mutate: pick('mutate'),
  coverageAnalysis: 'perTest',
  // The build machines have 2 shared cores.
  concurrency: Number(env('LANYARD_MUTATION_CONCURRENCY', '2')),
  timeoutMS: 15_000,
  timeoutFactor: 2.5,
  dryRunTimeoutMinutes: 10,
  // Sandboxes and reports live under scratch/ (git-, eslint- and prettier-ignored; not test-results/, which
  // Playwright empties on every run); what the tests never read is not copied.
  tempDirName: 'scratch/stryker-tmp',
  ignorePatterns: [
    'scratch',
    'test-results',
    'out',
    'dist',
    'release',
    'playwright-report',
    'coverage',
    'docs',
    'bench',
  ],
  incremental: env('LANYARD_MUTATION_INCREMENTAL', '') === '1',
  incrementalFile: `scratch/mutation/${label}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `scratch/mutation/${label}.json` },
  htmlReporter: { fileName: `scratch/mutation/${label}.html` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  cleanTempDir: true,
};
