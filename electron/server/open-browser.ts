// Opens a URL in the default browser without a shell: the URL is one argv entry, never part of a command string.
// Windows' `start` is a cmd built-in, so there the URL is also checked to hold no character cmd would interpret.
import { spawn } from 'node:child_process';
import type { Logger } from '../log/logger';

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.[\]:-]+(?::\d+)?\/[A-Za-z0-9._~/?=-]*$/;

export const openerFor = (url: string, platform: NodeJS.Platform): { command: string; args: string[] } => {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
};

export const openBrowser = (url: string, log: Logger, platform: NodeJS.Platform = process.platform): void => {
  if (!SAFE_URL.test(url)) {
    log.warn('not opening a URL with unexpected characters; open it yourself');
    return;
  }
  const { command, args } = openerFor(url, platform);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, shell: false, windowsHide: true });
    child.on('error', (err) =>
      log.warn(`could not open a browser (${command}); open the printed address yourself`, { error: err }),
    );
    child.unref();
  } catch (err) {
    log.warn(`could not open a browser (${command}); open the printed address yourself`, { error: err });
  }
};
