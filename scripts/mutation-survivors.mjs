// `node scripts/mutation-survivors.mjs MODULE…`: lists the mutants that survived (or had no test reaching them) in
// the last `npm run mutation` report of each module, as file:line:column, mutator and the replacement.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = process.argv.slice(2);
if (!modules.length) {
  console.error('usage: node scripts/mutation-survivors.mjs MODULE…');
  process.exit(2);
}
for (const m of modules) {
  const report = JSON.parse(readFileSync(path.join(root, 'scratch/mutation', `${m}.json`), 'utf8'));
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    for (const mu of mutants) {
      if (mu.status !== 'Survived' && mu.status !== 'NoCoverage') continue;
      const { start, end } = mu.location;
      const original =
        start.line === end.line
          ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
          : `${lines[start.line - 1].slice(start.column - 1)}…`;
      const show = (s) => (s.length > 100 ? `${s.slice(0, 100)}…` : s).replace(/\s+/g, ' ');
      console.log(
        `${path.relative(root, path.resolve(root, file))}:${start.line}:${start.column} ${mu.status} ${mu.mutatorName}: ${show(original)} → ${show(mu.replacement ?? '')}`,
      );
    }
  }
}
