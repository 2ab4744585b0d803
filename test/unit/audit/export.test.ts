// Exports on both engines: CSV (RFC 4180) and JSON that parse back to exactly the stored events, including
// awkward text, and a large ledger read page by page (constant memory) whose export streams to a slow consumer.
// The export writer (write-export.ts, export-format.ts) and exportText take the events as a list here: the
// ledger's asynchronous iterate is collected first (those files follow the store ledger separately).
import { Writable } from 'node:stream';
import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditFilter } from '../../../shared/api/methods-audit';
import { CSV_COLUMNS } from '../../../electron/audit/export-format';
import { exportText } from '../../../electron/audit/handlers';
import { writeExport } from '../../../electron/audit/write-export';
import { GENESIS_HASH, rowHash } from '../../../electron/audit/hash';
import { LEDGER_PAGE, openStoreLedger, type StoreLedger } from '../../../electron/audit/store-ledger';
import type { PgStore } from '../../../electron/store/pg/pg-store';
import type { Store } from '../../../electron/store/store';
import { ENGINES } from '../../helpers/store-engines';
import { ledgersOn, steppingClock, type LedgerFixture } from './harness';
import { parseCsv } from './csv-parse';

const AWKWARD = [
  { actor: 'cli', person: 'o"brien@example.com', result: 'failed: "quoted", with a comma' },
  { actor: 'ui,admin', person: 'multi\nline', result: 'line one\r\nline two' },
  { actor: 'scheduler', person: 'plain', result: ' leading and trailing spaces ' },
  { actor: 'ui', person: 'ünïcødé ✓', result: '' },
];

const seedAwkward = async (open: () => Promise<LedgerFixture>) => {
  const f = await open();
  for (const [i, a] of AWKWARD.entries())
    await f.ledger.append({
      actor: a.actor,
      action: i % 2 ? 'op.applied' : 'config.applied',
      app: i % 2 ? 'slack' : null,
      person: a.person,
      run: i % 2 ? 7 : null,
      case: i === 3 ? 12 : null,
      before: i % 2 ? { note: 'a, "b"\nc', list: [1, 2] } : undefined,
      after: { ok: i, text: 'x,y' },
      result: a.result,
    });
  return f;
};

const collect = async (events: AsyncIterable<AuditEvent>): Promise<AuditEvent[]> => {
  const out: AuditEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
};

/** The ledger's events for each of `filters`, collected, behind the synchronous iterate exportText takes. */
const collected = async (ledger: StoreLedger, ...filters: AuditFilter[]) => {
  const byFilter = new Map<string, AuditEvent[]>();
  for (const filter of filters) byFilter.set(JSON.stringify(filter), await collect(ledger.iterate(filter)));
  const iterate = (filter: AuditFilter = {}): AuditEvent[] => {
    const events = byFilter.get(JSON.stringify(filter));
    if (!events) throw new Error(`not collected: ${JSON.stringify(filter)}`);
    return events;
  };
  return { iterate } as unknown as Parameters<typeof exportText>[0];
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

describe.each(ENGINES)('audit export on %s', (engine) => {
  const open = ledgersOn(engine);

  it('writes CSV that parses back to the stored events, commas, quotes and line breaks included', async () => {
    const f = await seedAwkward(open);
    const stored = await collect(f.ledger.iterate());
    expect(stored).toHaveLength(AWKWARD.length);
    const { text, count, truncated } = await exportText(await collected(f.ledger, {}), {}, 'csv');
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
    const f = await seedAwkward(open);
    const ledger = await collected(f.ledger, {}, { person: 'nobody' });
    const { text } = await exportText(ledger, {}, 'json');
    // Each event is the stored one plus the person's name and email (null: not in the directory snapshot).
    expect(JSON.parse(text)).toEqual(
      (await collect(f.ledger.iterate())).map((e) => ({ ...e, personName: null, personEmail: null })),
    );
    expect(JSON.parse((await exportText(ledger, { person: 'nobody' }, 'json')).text)).toEqual([]);
  });

  it('applies filters and reports when the text export was cut at its limit', async () => {
    const f = await seedAwkward(open);
    const ledger = await collected(f.ledger, {}, { app: 'slack' });
    const slack = await exportText(ledger, { app: 'slack' }, 'json');
    expect((JSON.parse(slack.text) as AuditEvent[]).map((e) => e.app)).toEqual(['slack', 'slack']);
    const cut = await exportText(ledger, {}, 'csv', 3);
    expect(cut).toMatchObject({ count: 3, truncated: true });
    expect(parseCsv(cut.text)).toHaveLength(4);
  });

  /** A store whose every query result is counted (rows read from the database). */
  const counted = (store: Store) => {
    const c = { rows: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        c.rows += args.result.rows.length;
        return args.result;
      },
    };
    return { counter: c, store: { ...store, q: () => store.q().withPlugin(plugin) } as Store };
  };

  const fill = async (f: LedgerFixture, n: number): Promise<void> =>
    f.store.tx(async () => {
      for (let i = 1; i <= n; i++)
        await f.ledger.append({
          actor: i % 2 ? 'scheduler' : 'ui',
          action: 'op.applied',
          app: 'slack',
          person: `p${i % 997}`,
          run: i,
          result: 'ok',
        });
    });

  it('reads a large ledger page by page, and its export reaches a slow consumer intact, in order and chained', async () => {
    const f = await open();
    const N = 2 * LEDGER_PAGE + 500;
    await fill(f, N);
    const { counter, store } = counted(f.store);
    const reader = await openStoreLedger(store, steppingClock());
    counter.rows = 0;
    const events: AuditEvent[] = [];
    const readAt: number[] = [];
    for await (const e of reader.iterate()) {
      if (e.seq === 1 || e.seq === LEDGER_PAGE + 1) readAt.push(counter.rows);
      events.push(e);
    }
    // one page (and the newest seq) before the first event; the next page only when the first is used up
    expect(readAt[0]).toBeLessThanOrEqual(LEDGER_PAGE + 1);
    expect(readAt[1]).toBeLessThanOrEqual(2 * LEDGER_PAGE + 1);
    expect(events).toHaveLength(N);

    let writes = 0;
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
        writes++;
        const lines = (pending + chunk.toString('utf8')).split('\r\n');
        pending = lines.pop()!;
        for (const line of lines) check(line);
        setImmediate(done); // a slow consumer: the exporter must wait for 'drain'
      },
    });
    const result = await writeExport(events, 'csv', sink);
    await new Promise<void>((resolve) => sink.end(resolve));
    expect(firstProblem).toBeNull();
    expect(pending).toBe('');
    expect(result.count).toBe(N);
    expect(expectSeq).toBe(N + 1);
    expect(writes).toBeGreaterThan(1);
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: N });
  }, 120_000);

  it('an iteration abandoned midway (its output failed) holds nothing open: the store writes at once', async () => {
    const f = await open();
    await fill(f, LEDGER_PAGE + 10);
    let n = 0;
    await expect(
      (async () => {
        for await (const e of f.ledger.iterate()) if (n++ === 2) throw new Error(`disk full at ${e.seq}`);
      })(),
    ).rejects.toThrow('disk full at 3');
    if (f.t.db) expect(f.t.db.inTransaction).toBe(false);
    else {
      const pool = (f.store as PgStore).pool;
      expect([pool.waitingCount, pool.totalCount - pool.idleCount]).toEqual([0, 0]);
    }
    await f.ledger.append({ actor: 'cli', action: 'op.applied', result: 'ok' });
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: LEDGER_PAGE + 11 });
  });
});
