// What the workspace accepts in URLs, names and ids — one set of rules for `config apply`, `apps.save` and
// `directory.save` (workspace.ts's schema) and for where credentials may be sent (electron/http/url-policy.ts).
// Plain functions with no dependencies, so both the schema and the HTTP layer share them.

/** Hosts plain http:// may go to: this machine only (tests, local stand-ins). electron/http/url-policy uses it too. */
export const isLoopbackHostname = (hostname: string): boolean => {
  const h = hostname.toLowerCase();
  return (
    h === 'localhost' ||
    h === '[::1]' ||
    h === '::1' ||
    h.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
};

/**
 * Why a URL in the workspace may not be used, or null. One rule set for `config apply`, `apps.save` and the
 * directory settings, since they all parse with this schema. Messages never quote the URL: it may hold a password.
 */
export const workspaceUrlProblem = (value: string): string | null => {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return null; // .url() reports it
  }
  if (u.username || u.password)
    return 'a URL may not carry a user name or password ("user:pass@"); remove it and put the credentials in the auth: section as a secret reference (keychain:NAME or env:VAR)';
  const placeholder = /\{[^}]*\}/.exec(value);
  if (placeholder)
    return `replace ${placeholder[0]} with your own value (the preset's base URL is a template; the part in braces comes from the vendor's admin settings)`;
  if (u.protocol === 'http:' && !isLoopbackHostname(u.hostname))
    return 'plain http:// is refused except to this machine (127.0.0.1 / localhost); use https://';
  return null;
};

/** Characters that hide or disguise text: controls, zero-width characters and bidirectional-text overrides. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const ZERO_WIDTH = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Why a name or id may not be stored as written (it names the character by code point, never echoes it), or null. */
export const hiddenCharacterProblem = (value: string, allowLineBreaks = false): string | null => {
  for (const ch of value) {
    if (allowLineBreaks && (ch === '\n' || ch === '\r' || ch === '\t')) continue;
    const kind = CONTROL.test(ch)
      ? 'a control character'
      : ZERO_WIDTH.test(ch)
        ? 'an invisible (zero-width) character'
        : BIDI.test(ch)
          ? 'a bidirectional-text control character'
          : null;
    if (kind) {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      return `contains ${kind} (${code}); names and ids must be plain visible text`;
    }
  }
  return null;
};
