// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line) and prints their reports.
// Benchmarks are never part of `npm test`; they print per-operation costs and ratios against theoretical limits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

console.log(
  `Lanyard benchmarks — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log('Shared, noisy machine: compare ratios and per-operation figures, not absolute times.\n');
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as {
    default: () => Promise<string[]>;
  };
  console.log(`## ${file.replace('.bench.ts', '')}`);
  for (const line of await mod.default()) console.log(line);
  console.log('');
}
