// Where the built renderer lives: --renderer-dir, else $LANYARD_RENDERER_DIR, else out/renderer in the package root.
// The root is found by walking up from this module to the package.json named "lanyard", which works both from
// source (electron/server/ under tsx) and from the bundle (out/main/cli.js).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const isLanyardPackage = (dir: string): boolean => {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return pkg.name === 'lanyard';
  } catch {
    return false;
  }
};

/** The nearest folder at or above `start` whose package.json is Lanyard's, or null. */
export const findPackageRoot = (start: string): string | null => {
  let dir = path.resolve(start);
  for (;;) {
    if (isLanyardPackage(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
};

export const defaultRendererDir = (moduleUrl: string = import.meta.url): string => {
  const root = findPackageRoot(path.dirname(fileURLToPath(moduleUrl))) ?? process.cwd();
  return path.join(root, 'out', 'renderer');
};

export const resolveRendererDir = (flag: string | undefined, env: NodeJS.ProcessEnv): string => {
  if (flag) return path.resolve(flag);
  if (env.LANYARD_RENDERER_DIR) return path.resolve(env.LANYARD_RENDERER_DIR);
  return defaultRendererDir();
};
