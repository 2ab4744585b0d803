// Both front doors serve one CSP, and the renderer's own meta tag repeats it (a meta tag cannot carry
// frame-ancestors, which the response headers add).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';
import { CONTENT_SECURITY_POLICY as SERVER_CSP } from '../../../electron/server/security-headers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const directives = (csp: string): string[] =>
  csp
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

describe('the content security policy', () => {
  it('allows no inline or eval code', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('is the one the headless server sends', () => {
    expect(SERVER_CSP).toBe(CONTENT_SECURITY_POLICY);
  });

  it("is repeated by the renderer's meta tag, less frame-ancestors", () => {
    const html = fs.readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta, 'renderer/index.html has a CSP meta tag').not.toBeNull();
    const expected = directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors'));
    expect(directives(meta![1]!)).toEqual(expected);
  });
});
