// The default data folder: the same per-user folder Electron's app.getPath('userData') gives for "Lanyard".
import os from 'node:os';
import path from 'node:path';

export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env, platform = process.platform): string => {
  if (env.LANYARD_DATA_DIR) return path.resolve(env.LANYARD_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Lanyard');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Lanyard');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Lanyard');
};
