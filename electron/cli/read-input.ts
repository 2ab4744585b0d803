// Reading what a command is given on stdin or in a file: piped text as is, and a secret typed at a terminal
// without echo (raw mode; nothing is printed back, not even asterisks).
import fs from 'node:fs/promises';
import { LanyardError } from '../app/errors';
import type { CliIO } from './command';

interface TtyIn extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export const isInteractive = (stdin: NodeJS.ReadableStream): boolean => (stdin as TtyIn).isTTY === true;

/** Everything piped on stdin, as UTF-8. */
export const readAll = async (stdin: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

/** A file's text, or stdin's when the name is "-". */
export const readTextFile = async (file: string, io: CliIO): Promise<string> => {
  if (file === '-') return readAll(io.stdin);
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LanyardError('not_found', `No such file: ${file}`);
    throw new LanyardError('bad_input', `Cannot read ${file}: ${(err as Error).message}`);
  }
};

/** Reads one line from a terminal without echoing it. Ctrl-C cancels. */
const readHidden = (stdin: TtyIn, stderr: NodeJS.WritableStream, prompt: string): Promise<string> =>
  new Promise((resolve, reject) => {
    let value = '';
    const done = (err: Error | null): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(null);
        if (ch === '\u0003') return done(new LanyardError('bad_input', 'Cancelled; nothing was stored.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    // Echo goes off before the prompt appears, so nothing typed after it can show.
    stdin.setRawMode?.(true);
    stderr.write(prompt);
    stdin.resume();
    stdin.on('data', onData);
  });

/**
 * A secret value: typed at the terminal without echo, or piped on stdin (one trailing newline removed, so
 * `echo TOKEN | lanyard secrets set NAME` stores TOKEN). Never printed.
 */
export const readSecretValue = async (io: CliIO, name: string): Promise<string> => {
  const stdin = io.stdin as TtyIn;
  if (isInteractive(stdin) && typeof stdin.setRawMode === 'function') {
    return readHidden(stdin, io.stderr, `Value for ${name} (input hidden): `);
  }
  return (await readAll(stdin)).replace(/\r?\n$/, '');
};
