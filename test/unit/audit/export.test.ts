// Exports: CSV (RFC 4180) and JSON that parse back to exactly the stored events, including awkward text, and a
// large export that streams from an open SQLite cursor with backpressure instead of loading the ledger.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/api/methods-audit';
import { CSV_COLUMNS } from '../../../electron/audit/export-format';
import { exportText } from '../../../electron/audit/handlers';
import { writeExport } from '../../../electron/audit/write-export';
import { GENESIS_HASH, rowHash } from '../../../electron/audit/hash';
import { openLedger } from './harness';
import { parseCsv } from './csv-parse';

const AWKWARD = [
  { actor: 'cli', person: 'o"brien@example.com', result: 'failed: "quoted", with a comma' },
  { actor: 'ui,admin', person: 'multi\nline', result: 'line one\r\nline two' },
  { actor: 'scheduler', person: 'plain', result: ' leading and trailing spaces ' },
  { actor: 'ui', person: 'ünïcødé ✓', result: '' },
];

const seedAwkward = () => {
  const f = openLedger();
  AWKWARD.forEach((a, i) =>
    f.ledger.appendSync({
      actor: a.actor,
      action: i % 2 ? 'op.applied' : 'config.applied',
      app: i % 2 ? 'slack' : null,
      person: a.person,
      run: i % 2 ? 7 : null,
      case: i === 3 ? 12 : null,
      before: i % 2 ? { note: 'a, "b"\nc', list: [1, 2] } : undefined,
      after: { ok: i, text: 'x,y' },
      result: a.result,
    }),
  );
  return f;
};

/** A CSV record back to an event (the inverse of the exporter, written from the column list). */
const fromCsv = (rec: string[]): AuditEvent => {
  const get = (c: (typeof CSV_COLUMNS)[number]): string => rec[CSV_COLUMNS.indexOf(c)]!;
  const orNull = (s: string): string | null => (s === '' ? null : s);
  const intOrNull = (s: string): number | null => (s === '' ? null : Number(s));
  const jsonOrNull = (s: string) => (s === '' ? null : JSON.parse(s));
  return {
    seq: Number(get('seq')),
    at: get('at'),
    actor: get('actor'),
    action: get('action'),
    app: orNull(get('app')),
    person: orNull(get('person')),
    run: intOrNull(get('run')),
    case: intOrNull(get('case')),
    before: jsonOrNull(get('before')),
    after: jsonOrNull(get('after')),
    result: get('result'),
    prevHash: get('prev_hash'),
    hash: get('hash'),
  };
};

describe('audit export', () => {
  it('writes CSV that parses back to the stored events, commas, quotes and line breaks included', async () => {
    const f = seedAwkward();
    const stored = [...f.ledger.iterate()];
    const { text, count, truncated } = await exportText(f.ledger, {}, 'csv');
    expect(count).toBe(AWKWARD.length);
    expect(truncated).toBe(false);
    expect(text.startsWith(CSV_COLUMNS.join(',') + '\r\n')).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(records.map(fromCsv)).toEqual(stored);
    // the empty result is an empty (unquoted) field; text with spaces is kept as is
    expect(records[3]![CSV_COLUMNS.indexOf('result')]).toBe('');
    expect(records[2]![CSV_COLUMNS.indexOf('result')]).toBe(' leading and trailing spaces ');
  });

  it('writes JSON as one array that parses back to the stored events', async () => {
    const f = seedAwkward();
    const { text } = await exportText(f.ledger, {}, 'json');
    // Each event is the stored one plus the person's name and email (null: not in the directory snapshot).
    expect(JSON.parse(text)).toEqual(
      [...f.ledger.iterate()].map((e) => ({ ...e, personName: null, personEmail: null })),
    );
    expect(JSON.parse((await exportText(f.ledger, { person: 'nobody' }, 'json')).text)).toEqual([]);
  });

  it('applies filters and reports when the text export was cut at its limit', async () => {
    const f = seedAwkward();
    const slack = await exportText(f.ledger, { app: 'slack' }, 'json');
    expect((JSON.parse(slack.text) as AuditEvent[]).map((e) => e.app)).toEqual(['slack', 'slack']);
    const cut = await exportText(f.ledger, {}, 'csv', 3);
    expect(cut).toMatchObject({ count: 3, truncated: true });
    expect(parseCsv(cut.text)).toHaveLength(4);
  });

  it('streams 200,000 events from an open cursor, chunk by chunk, and every row arrives intact', async () => {
    const f = openLedger();
    const N = 200_000;
    f.db.transaction(() => {
      for (let i = 1; i <= N; i++)
        f.ledger.appendSync({
          actor: i % 2 ? 'scheduler' : 'ui',
          action: 'op.applied',
          app: 'slack',
          person: `p${i % 997}`,
          run: i,
          result: 'ok',
        });
    })();

    let writes = 0;
    let cursorOpenWhileWriting = false;
    let pending = '';
    let expectSeq = 0; // 0: the header comes first
    let prevHash = GENESIS_HASH;
    let firstProblem: string | null = null;
    const check = (line: string): void => {
      if (expectSeq === 0) {
        if (line !== CSV_COLUMNS.join(',')) firstProblem ??= `header: ${line}`;
        expectSeq = 1;
        return;
      }
      const e = fromCsv(line.split(','));
      // Each exported row is exactly the stored one: its hash still matches its fields and chains on.
      const hash = rowHash({
        seq: e.seq,
        at: e.at,
        actor: e.actor,
        action: e.action,
        app_id: e.app,
        person_id: e.person,
        run_id: e.run,
        case_id: e.case,
        before: null,
        after: null,
        result: e.result,
        prev_hash: e.prevHash,
      });
      if (e.seq !== expectSeq || e.prevHash !== prevHash || hash !== e.hash)
        firstProblem ??= `row ${expectSeq}: ${line}`;
      prevHash = e.hash;
      expectSeq++;
    };
    const sink = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        if (writes++ === 0) {
          // Rows are still being read from SQLite while output is written: the connection is busy with the cursor
          // (better-sqlite3 refuses exec() while an iterator is open).
          try {
            f.db.exec('SELECT 1');
          } catch (err) {
            cursorOpenWhileWriting = /busy/i.test((err as Error).message);
          }
        }
        const lines = (pending + chunk.toString('utf8')).split('\r\n');
        pending = lines.pop()!;
        for (const line of lines) check(line);
        setImmediate(done); // a slow consumer: the exporter must wait for 'drain'
      },
    });
    const result = await writeExport(f.ledger.iterate(), 'csv', sink);
    await new Promise<void>((resolve) => sink.end(resolve));
    expect(firstProblem).toBeNull();
    expect(pending).toBe('');
    expect(result.count).toBe(N);
    expect(expectSeq).toBe(N + 1);
    expect(cursorOpenWhileWriting).toBe(true);
    expect(writes).toBeGreaterThan(100);
    // and the cursor is closed again afterwards
    expect(() => f.db.exec('SELECT 1')).not.toThrow();
    expect(f.ledger.verify()).toMatchObject({ ok: true, count: N });
  }, 240_000); // 200,000 real appends, an export and a verify on a shared 2-core machine

  it('closes the cursor when the output fails midway', async () => {
    const f = openLedger();
    f.db.transaction(() => {
      for (let i = 0; i < 5000; i++)
        f.ledger.appendSync({ actor: 'cli', action: 'op.applied', result: 'ok' });
    })();
    let n = 0;
    const failing = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, done) {
        done(n++ === 2 ? new Error('disk full') : null);
      },
    });
    await expect(writeExport(f.ledger.iterate(), 'json', failing)).rejects.toThrow(/disk full|closed/);
    expect(() => f.db.exec('SELECT 1')).not.toThrow();
  });
});
