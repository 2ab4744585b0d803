// `file:` secret references: a secret mounted as a file (Docker or Kubernetes secrets under /run/secrets, a
// systemd credential under $CREDENTIALS_DIRECTORY), for servers without an OS keychain.
// - Read at every use and never cached, so a rotated file counts from the next use, without a restart. Nothing
//   is copied anywhere: SQLite holds the reference; the caller registers the value with the redacting logger.
// - Refused, each with its own message: a relative path (it would depend on the folder Lanyard started in), a
//   missing file, anything but a regular file (symbolic links to one are followed: Kubernetes rotates secrets by
//   swapping a link), a file other users may read or write (as ssh refuses an unprotected private key; group
//   access is fine), one Lanyard may not read, one over 64 KiB, a binary or an empty one.
// - One final "\n" or "\r\n" is dropped (`echo token > file` writes one); anything else is the secret as written.
// Messages name the file and its mode, never a byte of its content.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CREDENTIALS_DIRECTORY_PREFIX } from '../../shared/domain/secrets';
import { LanyardError } from '../app/errors';

export const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** For messages: "file:/run/secrets/okta-token used by app slack". */
interface Use {
  ref: string;
  usedBy: string;
}

const fail = (use: Use, code: 'bad_input' | 'not_found', problem: string, hint: string): LanyardError =>
  new LanyardError(code, `The secret ${use.ref} used by ${use.usedBy}: ${problem}`, { hint });

/** The absolute path a `file:` reference names, with `${CREDENTIALS_DIRECTORY}` (and only it) expanded. */
export const secretFilePath = (spec: string, env: NodeJS.ProcessEnv, use: Use): string => {
  if (spec.startsWith(CREDENTIALS_DIRECTORY_PREFIX)) {
    const dir = env.CREDENTIALS_DIRECTORY;
    if (!dir || !path.isAbsolute(dir)) {
      throw fail(
        use,
        'not_found',
        dir
          ? `$CREDENTIALS_DIRECTORY (${dir}) is not an absolute path.`
          : '$CREDENTIALS_DIRECTORY is not set.',
        'systemd sets it for a service with LoadCredential=NAME:/path (or SetCredential=, ' +
          'LoadCredentialEncrypted=); outside such a service, write the file’s absolute path instead.',
      );
    }
    return path.join(dir, spec.slice(CREDENTIALS_DIRECTORY_PREFIX.length));
  }
  if (!path.isAbsolute(spec)) {
    throw fail(
      use,
      'bad_input',
      'the path is relative.',
      'Write an absolute path, e.g. file:/run/secrets/okta-token: a relative one would depend on the folder ' +
        'Lanyard was started from, which differs between the desktop app, the CLI and a service.',
    );
  }
  return spec;
};

const KINDS: [(s: fs.Stats) => boolean, string][] = [
  [(s) => s.isDirectory(), 'a directory'],
  [(s) => s.isFIFO(), 'a named pipe'],
  [(s) => s.isSocket(), 'a socket'],
  [(s) => s.isCharacterDevice() || s.isBlockDevice(), 'a device'],
];
const kindOf = (s: fs.Stats): string => KINDS.find(([is]) => is(s))?.[1] ?? 'not a regular file';

const mode = (s: fs.Stats): string => `mode ${(s.mode & 0o777).toString(8).padStart(4, '0')}`;

const userName = (): string => {
  try {
    return os.userInfo().username;
  } catch {
    return ''; // a uid without a passwd entry (containers): the number says enough
  }
};

const whoAmI = (): string => {
  const uid = process.getuid?.();
  if (uid === undefined) return 'Lanyard';
  const name = userName();
  return `Lanyard (running as ${name ? `${name}, ` : ''}uid ${uid})`;
};

/** Not defined on Windows, where there are no named pipes in the file system to hang on. */
const O_NONBLOCK: number = (fs.constants as Partial<typeof fs.constants>).O_NONBLOCK ?? 0;

const openProblem = (err: unknown, file: string, use: Use): LanyardError => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return fail(
      use,
      'not_found',
      `the file ${file} does not exist.`,
      'Mount or write the secret there (Docker and Kubernetes put secrets under /run/secrets/), or correct the ' +
        'path in the workspace file.',
    );
  if (code === 'EACCES' || code === 'EPERM')
    return fail(
      use,
      'bad_input',
      `${whoAmI()} may not read ${file} (permission denied).`,
      `Let that user read it, e.g. \`chown ${userName() || process.getuid?.()} ${file} && chmod 400 ${file}\`, or give it ` +
        'to the service as a systemd credential (LoadCredential=), which systemd makes readable for the service.',
    );
  if (code === 'ENXIO' || code === 'EISDIR')
    return fail(
      use,
      'bad_input',
      `${file} is not a regular file.`,
      'Point the reference at the secret’s file.',
    );
  return fail(
    use,
    'bad_input',
    `${file} cannot be read (${code ?? 'unknown error'}).`,
    'Check the path and the file.',
  );
};

/** Refuses what is not a regular file only Lanyard (and its group) can touch. */
const checkFile = (stat: fs.Stats, file: string, use: Use): void => {
  if (!stat.isFile())
    throw fail(
      use,
      'bad_input',
      `${file} is ${kindOf(stat)}, not a regular file.`,
      'Point the reference at the file that holds the secret (a symbolic link to it is fine).',
    );
  // POSIX only: Windows has no mode bits to speak of (node reports 0o666 for every writable file).
  if (process.platform !== 'win32' && stat.mode & 0o006) {
    const what = stat.mode & 0o004 ? 'read' : 'changed';
    throw fail(
      use,
      'bad_input',
      `${file} can be ${what} by every user of this machine (${mode(stat)}); Lanyard refuses such a secret ` +
        'file, as ssh refuses an unprotected private key.',
      `Take the access of others away: \`chmod o-rwx ${file}\` (e.g. 0600, or 0640 when a group needs it). ` +
        'Kubernetes: set the secret volume’s defaultMode to 0400 or 0440; Docker Compose or Swarm: give the ' +
        'secret mode: 0400.',
    );
  }
  if (stat.size > MAX_SECRET_FILE_BYTES) throw tooLarge(use, file, `${stat.size} bytes`);
};

const tooLarge = (use: Use, file: string, size: string): LanyardError =>
  fail(
    use,
    'bad_input',
    `${file} is ${size}; a secret file may hold at most ${MAX_SECRET_FILE_BYTES / 1024} KiB.`,
    'Check that the reference names the secret’s file and not another one.',
  );

/** Up to MAX + 1 bytes: a file that grew after fstat (or reports no size, as some special files do) is caught. */
const readCapped = async (handle: fs.promises.FileHandle): Promise<Buffer> => {
  const buf = Buffer.alloc(MAX_SECRET_FILE_BYTES + 1);
  let filled = 0;
  while (filled < buf.length) {
    const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buf.subarray(0, filled);
};

/** Drops one final "\n" or "\r\n". */
export const trimFinalNewline = (text: string): string =>
  text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;

/**
 * The secret in `file:SPEC`, read now. `env` supplies $CREDENTIALS_DIRECTORY. Throws a LanyardError naming the
 * file and what to do when it cannot be used.
 */
export const readSecretFile = async (spec: string, env: NodeJS.ProcessEnv, use: Use): Promise<string> => {
  const file = secretFilePath(spec, env, use);
  let handle: fs.promises.FileHandle;
  try {
    // Non-blocking, so a named pipe at that path is refused instead of hanging the core until a writer comes.
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (err) {
    throw openProblem(err, file, use);
  }
  let bytes: Buffer;
  try {
    // Checked on the open file, so what is checked is what is read, even if the path is swapped meanwhile.
    checkFile(await handle.stat(), file, use);
    bytes = await readCapped(handle);
  } catch (err) {
    if (err instanceof LanyardError) throw err;
    throw openProblem(err, file, use);
  } finally {
    await handle.close();
  }
  if (bytes.length > MAX_SECRET_FILE_BYTES) throw tooLarge(use, file, `over ${MAX_SECRET_FILE_BYTES} bytes`);
  if (bytes.includes(0))
    throw fail(
      use,
      'bad_input',
      `${file} holds binary data (NUL bytes); Lanyard reads a secret as text.`,
      'Write the token or key into the file as text (a PEM key, not DER).',
    );
  const value = trimFinalNewline(bytes.toString('utf8'));
  if (value.trim() === '')
    throw fail(
      use,
      'not_found',
      `${file} is empty.`,
      'Write the secret into it (one final newline is ignored); Lanyard reads it again at the next use.',
    );
  return value;
};
