// The Apps form's protected-accounts box as data: the typed text (one account per line) as the list apps.save sends,
// and the server's error about one entry said with that entry's name. Plain TypeScript, no React.

/** The protected list as typed: one entry per line, blank lines ignored (a userName may hold a comma). */
export const protectedEntries = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const ENTRY_PATH = /^app\.protected\[(\d+)\]$/;

/**
 * The server names a bad entry by its position in the list it received (`app.protected[2]`, blank lines already
 * dropped); name the entry itself instead, as the admin typed it.
 */
export const protectedError = (typed: string, errors: Map<string, string>): string | undefined => {
  const entries = protectedEntries(typed);
  for (const [path, message] of errors) {
    const at = ENTRY_PATH.exec(path);
    if (!at) continue;
    const entry = entries[Number(at[1])];
    const words = message.replace(
      / as protected\[(\d+)\]/,
      (_m, i: string) => ` as “${entries[Number(i)] ?? ''}”`,
    );
    return entry === undefined ? words : `“${entry}”: ${words}`;
  }
  for (const [path, message] of errors)
    if (path === 'app.protected' || path.startsWith('app.protected[')) return message;
  return undefined;
};
