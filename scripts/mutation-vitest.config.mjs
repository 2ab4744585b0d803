// The vitest config for mutation runs: the project's settings, but only the test files of the selected mutation
// modules (stryker.config.mjs). Tests are chosen here rather than with Stryker's `testFiles` option because, with
// `testFiles`, Stryker 9.6 activates static mutants (module-level constants and functions) after the module has
// loaded, so they falsely survive (stryker-js#6144).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { MODULES, selectedModules } from '../stryker.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
  root,
  test: {
    include: [...new Set(selectedModules().flatMap((m) => MODULES[m].tests))],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
