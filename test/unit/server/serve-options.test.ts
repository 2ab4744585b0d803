// The small decisions of `lanyard serve`: which port, which renderer folder, how a browser is opened.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePort } from '../../../electron/cli/commands/serve';
import {
  defaultRendererDir,
  findPackageRoot,
  resolveRendererDir,
} from '../../../electron/server/renderer-dir';
import { openerFor } from '../../../electron/server/open-browser';
import { tempDirForTest } from '../../helpers/temp-dir';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('serve options', () => {
  it('accepts ports 0 to 65535 and nothing else', () => {
    expect(parsePort(undefined)).toBe(0);
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['65536', '-1', '80.5', 'eighty', '', ' 80', '0x50', '1e3'])
      expect(parsePort(bad), bad).toBeNull();
  });

  it('finds out/renderer in the package root from source and from the built bundle alike', () => {
    expect(defaultRendererDir()).toBe(path.join(repoRoot, 'out', 'renderer'));
    expect(defaultRendererDir(pathToFileURL(path.join(repoRoot, 'out', 'main', 'cli.js')).href)).toBe(
      path.join(repoRoot, 'out', 'renderer'),
    );
  });

  it('walks past package.json files of other packages', () => {
    const root = tempDirForTest('pkgroot');
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"lanyard"}');
    fs.mkdirSync(path.join(root, 'node_modules', 'dep', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'dep', 'package.json'), '{"name":"dep"}');
    expect(findPackageRoot(path.join(root, 'node_modules', 'dep', 'lib'))).toBe(root);
  });

  it('prefers --renderer-dir, then LANYARD_RENDERER_DIR', () => {
    expect(resolveRendererDir('/a/b', { LANYARD_RENDERER_DIR: '/c' })).toBe(path.resolve('/a/b'));
    expect(resolveRendererDir(undefined, { LANYARD_RENDERER_DIR: '/c' })).toBe(path.resolve('/c'));
  });

  it('opens the browser with the URL as a single argument, never through a shell string', () => {
    const url = 'http://127.0.0.1:4000/?token=abc_-1';
    expect(openerFor(url, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
    expect(openerFor(url, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(openerFor(url, 'win32')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
  });
});
