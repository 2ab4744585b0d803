// "No other module calls a connector's write methods" (docs/architecture.md, "One gate for every write"), kept
// true by reading the sources: the write methods of app connectors (create, update, setActive, delete,
// addToGroup, removeFromGroup) and of the directory connector (suspend, revokeSessions) are called only by the
// gate's executor, and the executor and the apply step are imported only by the gate (electron/sync/gate/).
// Connector implementations (electron/apps/, electron/directory/) define and compose those methods and are exempt.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'electron');

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });

const rel = (p: string): string => path.relative(ROOT, p).split(path.sep).join('/');
const files = sources(SRC).map((p) => ({ path: rel(p), text: fs.readFileSync(p, 'utf8') }));
const CONNECTOR_IMPLS = /^electron\/(apps|directory)\//;

/** Calls that write: `x.setActive(`, `x.addToGroup(` … and `connector.create(` / `c.update(` style calls. */
const WRITE_CALL =
  /\.(setActive|addToGroup|removeFromGroup|suspend|revokeSessions)\s*\(|\b(c|connector|conn|app|directory)\s*\.\s*(create|update|delete)\s*\(|connector\(\)\)?\.(create|update|delete|setActive|suspend|revokeSessions)\s*\(/;

const importsOf = (text: string): string[] =>
  [...text.matchAll(/^\s*import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('the one gate', () => {
  it('is the only caller of connector write methods (through its executor)', () => {
    const callers = files
      .filter((f) => !CONNECTOR_IMPLS.test(f.path))
      .filter((f) => f.text.split('\n').some((line) => !/^\s*(\/\/|\*)/.test(line) && WRITE_CALL.test(line)))
      .map((f) => f.path);
    expect(callers).toEqual(['electron/sync/engine/executor.ts']);
  });

  it('owns the executor and the apply step: nothing else imports them', () => {
    const importers = (target: string) =>
      files
        .filter((f) =>
          importsOf(f.text).some((spec) =>
            path.posix.normalize(path.posix.join(path.posix.dirname(f.path), spec)).endsWith(target),
          ),
        )
        .map((f) => f.path)
        .sort();
    const gateOnly = (list: string[]) => list.filter((f) => !f.startsWith('electron/sync/gate/'));
    // The executor: only the apply step and the gate's own lanes.
    expect(importers('sync/engine/executor').length).toBeGreaterThan(0);
    expect(gateOnly(importers('sync/engine/executor'))).toEqual(['electron/sync/engine/apply.ts']);
    // The apply step: only the gate's modules.
    expect(importers('sync/engine/apply')).toContain('electron/sync/gate/gate.ts');
    expect(gateOnly(importers('sync/engine/apply'))).toEqual([]);
  });

  it('catches a new caller (the check itself can fail)', () => {
    const rogue = 'await engine.connectorFor(app).setActive(id, false);';
    expect(WRITE_CALL.test(rogue)).toBe(true);
    expect(WRITE_CALL.test('const c = d.connector; await c.delete(remoteId);')).toBe(true);
    expect(WRITE_CALL.test('await (await directory.connector()).suspend(personId);')).toBe(true);
    expect(WRITE_CALL.test('repo.setTask(t.id, "done");')).toBe(false);
  });
});
