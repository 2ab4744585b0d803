// Who the admin at the UI is, for the audit log: the name set in Settings ("Your name in the audit log"), else the
// OS account's full name (Linux and other Unixes: the GECOS field of /etc/passwd; macOS: `id -F`), else the OS
// username, else "ui". The UI transports (desktop IPC, `lanyard serve`) record every call under it; the CLI and
// the scheduler keep their own names. A signed-in person will replace it on a team server.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { SettingsRepo } from '../store/settings-repo';

/** The full name in a passwd file's entry for `uid` (GECOS up to its first comma), or null. */
export const gecosName = (passwd: string, uid: number): string | null => {
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 7 || Number(fields[2]) !== uid) continue;
    const name = fields[4]!.split(',')[0]!.trim();
    return name || null;
  }
  return null;
};

const fullName = (uid: number): string | null => {
  try {
    if (process.platform === 'darwin') {
      const out = execFileSync('id', ['-F'], { encoding: 'utf8', timeout: 2_000 }).trim();
      return out || null;
    }
    if (process.platform !== 'win32' && uid >= 0)
      return gecosName(fs.readFileSync('/etc/passwd', 'utf8'), uid);
  } catch {
    // No passwd file or no `id`: the username below is still a person's account.
  }
  return null;
};

/** The OS user's full name, or their username when the system has no full name; "ui" when neither is known. */
export const osUserFullName = (): string => {
  try {
    const me = os.userInfo();
    return fullName(me.uid) ?? (me.username || 'ui');
  } catch {
    return 'ui';
  }
};

/** The actor of UI calls, read at each call so a name changed in Settings applies to the next action. */
export const createUiActor = (
  settings: Pick<SettingsRepo, 'get'>,
  fallback: () => string,
): (() => Promise<string>) => {
  let os: string | null = null;
  return async () => (await settings.get()).operator.name.trim() || (os ??= fallback());
};
