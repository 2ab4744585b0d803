// The audit.* contract methods through dispatch(), the way both transports call them: inputs checked by the
// contract's schemas, results in the { ok, value } envelope.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createTestKeychain } from '../../helpers/keychain';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { appendSamples } from './harness';

let dir: string;
let core: Lanyard;
beforeEach(async () => {
  dir = makeTempDir('audit-api');
  // The keychain is never touched by audit methods.
  core = createLanyard({ dataDir: dir, secrets: createTestKeychain(), log: createLogger(memorySink()) });
  await appendSamples(core.context.audit, 20);
});
afterEach(() => {
  core.close();
  removeDir(dir);
});

const call = (method: string, input: unknown) => dispatch(core.handlers, method, input, { actor: 'ui' });

describe('audit API methods', () => {
  it('lists with filters and paging', async () => {
    const r = await call('audit.list', { app: 'github', limit: 3 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const page = r.value as { events: { app: string }[]; nextCursor: number | null };
    expect(page.events).toHaveLength(3);
    expect(page.events.every((e) => e.app === 'github')).toBe(true);
    expect(page.nextCursor).not.toBeNull();
  });

  it('verifies the chain', async () => {
    expect(await call('audit.verify', {})).toMatchObject({
      ok: true,
      value: { ok: true, count: 20, headSeq: 20 },
    });
  });

  it('exports text with a count and no truncation for a small ledger', async () => {
    const r = await call('audit.export', { format: 'json', person: 'person-1' });
    expect(r).toMatchObject({ ok: true, value: { format: 'json', truncated: false } });
    if (!r.ok) return;
    const v = r.value as { text: string; count: number };
    expect(JSON.parse(v.text)).toHaveLength(v.count);
  });

  it('rejects bad input by field: an oversized page, an unknown format, an unreadable time, a stray field', async () => {
    expect(await call('audit.list', { limit: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', path: 'limit' },
    });
    expect(await call('audit.export', { format: 'xml' })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', path: 'format' },
    });
    expect(await call('audit.list', { since: 'soon' })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', path: 'since' },
    });
    expect(await call('audit.list', { seq: 1 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
