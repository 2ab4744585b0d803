import { defineConfig } from 'vitest/config';

/**
 * The suites that also run with the core on PostgreSQL (issue #14: the store, journal, ledger, sync, offboarding
 * and review tests on both engines). Their fixtures pass `database: coreDatabase(…)` to createLanyard
 * (test/helpers/test-database.ts), which gives each core its own database in the cluster the project's global
 * setup starts. The store's and ledger's own tests (store-engines, store-ledger, cases-/sync-store-engines, the
 * audit suites) run both engines side by side in the default project already. Not here: suites that drive the CLI
 * on a data folder (the CLI has no PostgreSQL mode), read the SQLite file directly (model.test.ts), or spawn
 * processes on a data folder (sync-crash-resume); and gate/mass-suspension.test.ts, whose 10,000-person offboarding
 * views take over its time limit on PostgreSQL (many small queries per case: a known cost, see docs/team-server.md).
 */
export const BOTH_ENGINES = [
  'test/unit/sync-engine/initial-sync.test.ts',
  'test/unit/sync-engine/guardrails.test.ts',
  'test/unit/gate/scenarios.test.ts',
  'test/unit/gate/identity.test.ts',
  'test/unit/gate/github-identity-sync.test.ts',
  'test/unit/gate/verify-by-id.test.ts',
  'test/unit/gate/reread-mutants.test.ts',
  'test/unit/reviews/campaign.test.ts',
  'test/unit/reviews/github-manual.test.ts',
  'test/unit/reviews/held-review-ops.test.ts',
  'test/unit/reviews/recurring.test.ts',
  'test/unit/reviews/review-events.test.ts',
  'test/unit/reviews/role-change.test.ts',
  'test/unit/orphans/orphan-actions.test.ts',
  'test/unit/runs/run-history.test.ts',
  'test/unit/tasks/task-inbox.test.ts',
  'test/integration/offboarding.test.ts',
  'test/integration/offboarding-manual.test.ts',
  'test/integration/evidence-decisions.test.ts',
  'test/integration/audit-people.test.ts',
  'test/integration/kill-switch.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Keychain tests share one Secret Service; they use unique names so files may run in parallel.
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: BOTH_ENGINES,
          env: { LANYARD_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/helpers/pg-global-setup.ts'],
        },
      },
    ],
  },
});
