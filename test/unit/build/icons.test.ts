// The committed icons: valid PNGs of the sizes each platform expects, one per tray state and theme, and exactly
// what scripts/make-icons.ts draws (so nobody hand-edits a generated file and loses it on the next run).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRAY_ICON_KINDS } from '../../../electron/desktop/tray-icon';
import {
  APP_ICON_SIZE,
  drawTrayIcon,
  encodePng,
  renderIcons,
  TEMPLATE_SIZE,
  TRAY_SIZE,
} from '../../../scripts/make-icons';
import { readPngInfo, readPngRgba } from './png-reader';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel));

let generated: Map<string, Buffer>;
beforeAll(() => {
  generated = renderIcons();
});

const expectedSize = (file: string): number =>
  file === 'build/icon.png' ? APP_ICON_SIZE : file.endsWith('Template.png') ? TEMPLATE_SIZE : TRAY_SIZE;

describe('the icons', () => {
  it('cover every tray state in light, dark and macOS template form, plus the app icon', () => {
    const expected = ['build/icon.png'];
    for (const kind of TRAY_ICON_KINDS)
      expected.push(
        `build/tray/tray-${kind}-light.png`,
        `build/tray/tray-${kind}-dark.png`,
        `build/tray/tray-${kind}Template.png`,
        `build/tray/tray-${kind}Template@2x.png`,
      );
    expect([...generated.keys()].sort()).toEqual(expected.sort());
    const committed = fs.readdirSync(path.join(root, 'build/tray')).map((f) => `build/tray/${f}`);
    expect(committed.sort()).toEqual(expected.filter((f) => f.startsWith('build/tray/')).sort());
  });

  it('are valid RGBA PNGs of the declared sizes', () => {
    for (const file of generated.keys()) {
      const info = readPngInfo(read(file));
      const size = expectedSize(file);
      expect({ file, ...info }).toEqual({
        file,
        width: size,
        height: size,
        bitDepth: 8,
        colorType: 6,
        interlace: 0,
        chunks: ['IHDR', 'IDAT', 'IEND'],
      });
    }
  });

  it('are exactly what the generator draws', () => {
    for (const [file, bytes] of generated)
      // Pixels, not bytes: another Node's zlib may compress the same pixels differently.
      expect(
        readPngRgba(read(file)).equals(readPngRgba(bytes)),
        `${file} is stale: run scripts/make-icons.ts`,
      ).toBe(true);
  });

  it('are generated deterministically, byte for byte', () => {
    const again = renderIcons();
    for (const [file, bytes] of generated) expect(again.get(file)?.equals(bytes), file).toBe(true);
  });

  it('round-trips pixels through the PNG encoder', () => {
    const pixels = Buffer.from(drawTrayIcon('error', 'light', 8));
    expect(readPngRgba(encodePng(8, 8, pixels)).equals(pixels)).toBe(true);
    expect(() => encodePng(8, 8, pixels.subarray(4))).toThrow(/RGBA/);
  });

  it('mark each state differently even in one-colour template images', () => {
    const shapes = TRAY_ICON_KINDS.map((kind) =>
      Buffer.from(drawTrayIcon(kind, 'template', TEMPLATE_SIZE * 2)).toString('base64'),
    );
    expect(new Set(shapes).size).toBe(TRAY_ICON_KINDS.length);
  });

  it('draw template images in black and alpha only, as macOS requires', () => {
    for (const kind of TRAY_ICON_KINDS) {
      const px = drawTrayIcon(kind, 'template', TEMPLATE_SIZE * 2);
      for (let i = 0; i < px.length; i += 4) expect(px[i]! | px[i + 1]! | px[i + 2]!).toBe(0);
    }
  });

  it('have a transparent background and an opaque glyph', () => {
    const size = TRAY_SIZE;
    const px = readPngRgba(read('build/tray/tray-ok-light.png'));
    const alpha = (x: number, y: number) => px[(y * size + x) * 4 + 3];
    expect(alpha(0, size - 1)).toBe(0); // bottom-left corner
    expect(alpha(Math.round(size * 0.44), Math.round(size * 0.7))).toBe(255); // inside the badge
  });
});
