// The installer configuration, checked without running electron-builder (it downloads Electron, which this
// machine cannot): the file is read by electron-builder's own loader and schema, and every path it names exists.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import type { Configuration } from 'electron-builder';
import { TRAY_ICON_KINDS, trayIconFile, trayIconsDir } from '../../../electron/desktop/tray-icon';
import { readPngInfo } from './png-reader';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CONFIG_FILE = 'build/electron-builder.yml';
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(root, path.join(root, CONFIG_FILE), null);
});

const exists = (rel: string) => fs.existsSync(path.join(root, rel));
const targetsOf = (platform: { target?: unknown } | null | undefined): string[] =>
  ((platform?.target as Array<string | { target: string }> | undefined) ?? []).map((t) =>
    typeof t === 'string' ? t : t.target,
  );
const filesOf = (): string[] => (config.files as Array<{ filter: string[] }>).flatMap((set) => set.filter);
const listFiles = (dir: string): string[] =>
  fs
    .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));

describe('the electron-builder configuration', () => {
  it('is accepted by electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app Lanyard with a reverse-DNS id and writes installers to release/', () => {
    expect(config.appId).toBe('io.lanyard.desktop');
    expect(config.productName).toBe('Lanyard');
    expect(config.directories?.output).toBe('release');
    expect(config.directories?.buildResources).toBe('build');
  });

  it('is what `npm run dist` and its per-platform variants build with', () => {
    expect(pkg.scripts.dist).toBe(`electron-vite build && electron-builder --config ${CONFIG_FILE}`);
    expect(pkg.scripts['dist:linux']).toContain('--linux');
    expect(pkg.scripts['dist:mac']).toContain('--mac');
    expect(pkg.scripts['dist:win']).toContain('--win');
    for (const name of ['dist:linux', 'dist:mac', 'dist:win'])
      expect(pkg.scripts[name]).toContain(`--config ${CONFIG_FILE}`);
  });

  it('builds AppImage and deb for Linux, dmg for macOS and an NSIS installer for Windows', () => {
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(targetsOf(config.win)).toEqual(['nsis']);
  });

  it('packages only the build output and package.json, whose main points into it', () => {
    const patterns = filesOf();
    expect(patterns).toContain('package.json');
    expect(patterns).toContain('!**/*.map');
    expect(pkg.main.startsWith('out/')).toBe(true);
    const included = (file: string) =>
      patterns.some((p) => !p.startsWith('!') && minimatch(file, p)) &&
      !patterns.some((p) => p.startsWith('!') && minimatch(file, p.slice(1)));
    expect(included(pkg.main)).toBe(true);
    for (const source of [
      'electron/main.ts',
      'renderer/index.html',
      'test/unit/build/png-reader.ts',
      'README.md',
    ])
      expect(included(source)).toBe(false);
    expect(included('out/main/main.js.map')).toBe(false);
  });

  it('matches real files once the app is built', (ctx) => {
    if (!exists('out')) return ctx.skip(); // `npm run build` has not run; the source-side checks above still hold
    const built = listFiles('out');
    for (const pattern of filesOf().filter((p) => !p.startsWith('!') && p.startsWith('out/')))
      expect(
        built.some((f) => minimatch(f, pattern)),
        pattern,
      ).toBe(true);
    expect(exists(pkg.main)).toBe(true);
    expect(exists('out/preload/preload.cjs')).toBe(true);
    expect(exists('out/renderer/index.html')).toBe(true);
  });

  it('names only icons, entitlements and resources that exist', () => {
    const named = [
      config.linux?.icon,
      config.mac?.icon,
      config.win?.icon,
      config.mac?.entitlements,
      config.mac?.entitlementsInherit,
      ...((config.extraResources as Array<{ from: string }>) ?? []).map((r) => r.from),
    ];
    expect(named.every((p) => typeof p === 'string')).toBe(true);
    for (const p of named as string[]) expect(exists(p), p).toBe(true);
  });

  it('uses an app icon large enough for electron-builder to make .icns and .ico from', () => {
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon] as string[]) {
      const info = readPngInfo(fs.readFileSync(path.join(root, icon)));
      expect(info.width).toBe(info.height);
      expect(info.width).toBeGreaterThanOrEqual(512);
    }
  });

  it('keeps native modules out of the asar archive and rebuilds them for Electron', () => {
    const unpack = config.asarUnpack as string[];
    const unpacked = (file: string) => unpack.some((p) => minimatch(file, p, { dot: true }));
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/@napi-rs/keyring/index.js')).toBe(true);
    for (const platform of ['linux-x64-gnu', 'darwin-arm64', 'darwin-x64', 'win32-x64-msvc'])
      expect(unpacked(`node_modules/@napi-rs/keyring-${platform}/keyring.${platform}.node`), platform).toBe(
        true,
      );
    expect(unpacked('node_modules/react/index.js')).toBe(false);
    // Every native binary installed here would be unpacked, so none is left to fail inside the archive.
    const natives = listFiles('node_modules/better-sqlite3')
      .concat(listFiles('node_modules/@napi-rs'))
      .filter((f) => f.endsWith('.node'));
    expect(natives.length).toBeGreaterThan(0);
    for (const file of natives) expect(unpacked(file), file).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.nodeGypRebuild).toBe(false);
  });

  it('installs per user on Windows and never deletes the audit ledger on uninstall', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      deleteAppDataOnUninstall: false,
    });
  });

  it('signs macOS builds under the hardened runtime and keeps a Dock icon', () => {
    expect(config.mac).toMatchObject({
      category: 'public.app-category.utilities',
      hardenedRuntime: true,
      extendInfo: { LSUIElement: false },
    });
    const plist = fs.readFileSync(path.join(root, config.mac?.entitlements as string), 'utf8');
    expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(plist).not.toContain('disable-library-validation');
  });

  it('describes the Linux packages and recommends a keychain provider', () => {
    expect(config.linux).toMatchObject({ category: 'Utility', executableName: 'lanyard' });
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux?.synopsis).toBeTruthy();
    expect(config.deb?.depends).toContain('libsecret-1-0');
    expect(config.deb?.recommends).toContain('gnome-keyring');
    expect(config.extraMetadata).toMatchObject({
      homepage: expect.any(String),
      desktopName: 'lanyard.desktop',
    });
  });

  it('ships the tray icons where the main process looks for them, packaged or not', () => {
    const resources = config.extraResources as Array<{ from: string; to: string }>;
    const tray = resources.find((r) => r.from === 'build/tray');
    expect(tray).toBeDefined();
    expect(trayIconsDir({ packaged: true, resourcesPath: '/opt/Lanyard/resources', appPath: '/x' })).toBe(
      path.join('/opt/Lanyard/resources', tray!.to),
    );
    expect(trayIconsDir({ packaged: false, resourcesPath: '/unused', appPath: root })).toBe(
      path.join(root, tray!.from),
    );
    for (const kind of TRAY_ICON_KINDS)
      for (const platform of ['darwin', 'win32', 'linux'] as const)
        for (const darkTheme of [false, true]) {
          const file = path.join(tray!.from, trayIconFile(kind, { platform, darkTheme }));
          expect(exists(file), file).toBe(true);
          if (platform === 'darwin') expect(exists(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
        }
  });
});
