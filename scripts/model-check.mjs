// `npm run model [-- RUNS [SEED]]`: the gate's model-based test (test/unit/gate/model.test.ts) with a large budget —
// 200 random sequences of up to 16 steps by default, a random seed unless one is given (a failure prints the seed
// and path to replay it with LANYARD_MODEL_SEED / LANYARD_MODEL_PATH), and shrinking on.
import { spawnSync } from 'node:child_process';

const [runs = '200', seed] = process.argv.slice(2);
const env = {
  ...process.env,
  LANYARD_MODEL_RUNS: runs,
  LANYARD_MODEL_STEPS: process.env.LANYARD_MODEL_STEPS ?? '16',
  LANYARD_MODEL_SHRINK: '1',
  ...(seed ? { LANYARD_MODEL_SEED: seed } : {}),
};
const r = spawnSync('npx', ['vitest', 'run', 'test/unit/gate/model.test.ts', '-t', 'keeps its invariants'], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
