// Text for a terminal. Names and messages printed by the CLI come from outside (workspace files, directory and app
// data, vendor error bodies); a control character in them would be interpreted by the terminal: ESC starts
// sequences that move the cursor, rewrite the title, hide text or (on some terminals) answer back with input, BEL
// rings, CR overwrites the line, and bidi overrides make a name read differently from what it is. Every such
// character is shown as a visible escape (\x1b, \u202e) instead; newlines and tabs are kept, they are our layout.
// JSON output needs none of this: JSON.stringify escapes C0 characters and the result is read by programs.
// No imports: the logger's stderr sink uses it too.

// C0 controls except TAB (09) and LF (0A); DEL; C1 controls (U+0080–U+009F, e.g. U+009B is a one-byte CSI).
// Bidi embeddings/overrides/isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C);
// line and paragraph separators (U+2028, U+2029); zero-width characters and the BOM (U+200B–U+200D, U+2060, U+FEFF).
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;

const escapeOne = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` with every control, bidi and zero-width character shown as an escape; newlines and tabs kept. */
export const escapeTerminal = (text: string): string => text.replace(UNSAFE, escapeOne);

/** Whether `text` holds a character escapeTerminal() would rewrite. */
export const hasUnsafeCharacters = (text: string): boolean => {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
};
