// Known-answer vectors for the seal and the anchor signature. Every sealed ledger and every anchor an admin kept
// elsewhere was made with these schemes: if a digest below changes, they all stop verifying. Like the row hash
// (known-answer.test.ts), a change needs a migration plan, not new numbers. The digests were computed once with
// `openssl dgst -sha256 -mac HMAC -macopt hexkey:…` and `sha256sum` over the texts below, never from this code.
import { describe, expect, it } from 'vitest';
import { anchorSignature, keyIdOf, sealOf } from '../../../electron/audit/seal';
import { parseSealKey } from '../../../electron/audit/seal-key';

const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const LEDGER = '0123456789abcdef0123456789abcdef';
const HASH = 'ab'.repeat(32);
const AT = '2026-01-02T03:04:05.000Z';

describe('seal known-answer vectors (lanyard-seal-v1, lanyard-anchor-v1)', () => {
  it('seals ["lanyard-seal-v1", ledger, fromSeq, since, count, seq, hash] with HMAC-SHA256', () => {
    expect(sealOf(KEY, { ledgerId: LEDGER, fromSeq: 3, since: AT, count: 7, seq: 7, hash: HASH })).toBe(
      '51d80f01236c322b42f4c958d5ab809e087d7b1c84deaa0a0d164ebc06225aaa',
    );
  });

  it('signs anchors as ["lanyard-anchor-v1", ledger, seq, count, hash, at]', () => {
    expect(
      anchorSignature(KEY, {
        format: 'lanyard-audit-anchor-v1',
        ledger: LEDGER,
        seq: 7,
        count: 7,
        hash: HASH,
        at: AT,
      }),
    ).toBe('ffa69f4b93576a921f7714b69c8d797c4ed1e6e1c13f99adc8ab5dae213d7d1c');
  });

  it('fingerprints a key as the first 16 hex digits of SHA-256("lanyard-seal-key-id\\0" + key)', () => {
    expect(keyIdOf(KEY)).toBe('a8e666ac6dcc54bb');
  });

  it('every field of the sealed head changes the seal', () => {
    const head = { ledgerId: LEDGER, fromSeq: 3, since: AT, count: 7, seq: 7, hash: HASH };
    const seals = new Set([
      sealOf(KEY, head),
      sealOf(KEY, { ...head, ledgerId: 'f'.repeat(32) }),
      sealOf(KEY, { ...head, fromSeq: 4 }),
      sealOf(KEY, { ...head, since: '2026-01-02T03:04:06.000Z' }),
      sealOf(KEY, { ...head, count: 8 }),
      sealOf(KEY, { ...head, seq: 8 }),
      sealOf(KEY, { ...head, hash: 'cd'.repeat(32) }),
      sealOf(Buffer.alloc(32, 1), head),
    ]);
    expect(seals.size).toBe(8);
  });

  it('reads keys written as hex, base64 or base64url, and refuses short or malformed ones by name', () => {
    const hex = KEY.toString('hex');
    expect(parseSealKey(hex, 'x').equals(KEY)).toBe(true);
    expect(parseSealKey(` ${KEY.toString('base64')}\n`, 'x').equals(KEY)).toBe(true);
    const url = Buffer.alloc(32, 0xfb);
    expect(parseSealKey(url.toString('base64url'), 'x').equals(url)).toBe(true);
    expect(() => parseSealKey('abcd', 'the file /k')).toThrow(
      'The audit seal key in the file /k is 2 bytes; it needs at least 32.',
    );
    expect(() => parseSealKey('not a key!', 'the file /k')).toThrow(
      'The audit seal key in the file /k is neither hex nor base64.',
    );
  });
});
