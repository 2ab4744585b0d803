// Draws Lanyard's icons — the app icon electron-builder turns into .icns/.ico, and the tray icons for every tray
// state — and writes them as PNGs under build/ (`node --import tsx scripts/make-icons.ts`). No image tools are
// assumed: shapes are point-in-shape predicates, anti-aliased by a fixed supersampling grid, and encoded by the
// minimal PNG writer below. Everything is deterministic (no randomness, no clock, only + − × ÷ √), so
// regenerating gives the same pixels; test/unit/build/icons.test.ts fails when the committed files drift.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { TRAY_ICON_KINDS, type TrayIconKind } from '../electron/desktop/tray-icon';

// ---------------------------------------------------------------------------------------------------- PNG writer

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit RGBA (colour type 6) PNG; rows use filter 0 so the output depends only on the pixels and zlib. */
export const encodePng = (width: number, height: number, rgba: Uint8Array): Buffer => {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, adaptive filtering, no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

// ------------------------------------------------------------------------------------------------------- drawing

/** A shape in unit coordinates: (0,0) top left, (1,1) bottom right. */
type Shape = (u: number, v: number) => boolean;
type Rgb = readonly [number, number, number];

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (u, v) =>
    (u - cx) * (u - cx) + (v - cy) * (v - cy) <= r * r;
const ring = (cx: number, cy: number, outer: number, inner: number): Shape =>
  minus(circle(cx, cy, outer), circle(cx, cy, inner));
const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (u, v) => {
    if (u < x0 || u > x1 || v < y0 || v > y1) return false;
    const dx = Math.max(x0 + r - u, 0, u - (x1 - r));
    const dy = Math.max(y0 + r - v, 0, v - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
const diamond =
  (cx: number, cy: number, r: number): Shape =>
  (u, v) =>
    Math.abs(u - cx) + Math.abs(v - cy) <= r;
const union =
  (...shapes: Shape[]): Shape =>
  (u, v) =>
    shapes.some((s) => s(u, v));
const minus =
  (a: Shape, b: Shape): Shape =>
  (u, v) =>
    a(u, v) && !b(u, v);

/** A premultiplied float canvas; coverage per pixel is the share of an n×n grid of samples inside the shape. */
class Canvas {
  readonly px: Float64Array;
  constructor(
    readonly size: number,
    private readonly grid = 4,
  ) {
    this.px = new Float64Array(size * size * 4);
  }

  private cover(shape: Shape, x: number, y: number): number {
    let hits = 0;
    for (let j = 0; j < this.grid; j++)
      for (let i = 0; i < this.grid; i++)
        if (shape((x + (i + 0.5) / this.grid) / this.size, (y + (j + 0.5) / this.grid) / this.size)) hits++;
    return hits / (this.grid * this.grid);
  }

  /** Source-over: paints the shape; `color` may vary across the canvas (a gradient). */
  fill(shape: Shape, color: (u: number, v: number) => Rgb): void {
    this.each(shape, (i, a, x, y) => {
      const [r, g, b] = color(x / this.size, y / this.size);
      for (let k = 0; k < 3; k++) this.px[i + k] = ([r, g, b][k]! / 255) * a + this.px[i + k]! * (1 - a);
      this.px[i + 3] = a + this.px[i + 3]! * (1 - a);
    });
  }

  /** Destination-out: cuts the shape out of what is already drawn (a halo, a slot). */
  erase(shape: Shape): void {
    this.each(shape, (i, a) => {
      for (let k = 0; k < 4; k++) this.px[i + k] = this.px[i + k]! * (1 - a);
    });
  }

  private each(shape: Shape, paint: (i: number, coverage: number, x: number, y: number) => void): void {
    for (let y = 0; y < this.size; y++)
      for (let x = 0; x < this.size; x++) {
        const a = this.cover(shape, x, y);
        if (a > 0) paint((y * this.size + x) * 4, a, x, y);
      }
  }

  /** Straight (un-premultiplied) 8-bit RGBA, as PNG stores it. */
  rgba(): Uint8Array {
    const out = new Uint8Array(this.px.length);
    for (let i = 0; i < this.px.length; i += 4) {
      const a = this.px[i + 3]!;
      if (a <= 0) continue;
      for (let k = 0; k < 3; k++) out[i + k] = Math.round(Math.min(1, this.px[i + k]! / a) * 255);
      out[i + 3] = Math.round(a * 255);
    }
    return out;
  }
}

/** The lanyard: a loop of strap ending in a badge with a clip slot, inside the box (x, y, w). */
const lanyardGlyph = (x: number, y: number, w: number): { body: Shape; slot: Shape } => {
  const at = (fu: number, fv: number) => [x + fu * w, y + fv * w] as const;
  const [cx, cy] = at(0.5, 0.3);
  const [bx0, by0] = at(0.24, 0.5);
  const [bx1, by1] = at(0.76, 0.98);
  const [sx0, sy0] = at(0.4, 0.58);
  const [sx1, sy1] = at(0.6, 0.66);
  return {
    body: union(ring(cx, cy, 0.28 * w, 0.17 * w), roundRect(bx0, by0, bx1, by1, 0.09 * w)),
    slot: roundRect(sx0, sy0, sx1, sy1, 0.04 * w),
  };
};

/** The app icon: a white lanyard on a blue rounded square (inset as macOS's icon grid expects). */
export const drawAppIcon = (size: number, grid = 3): Uint8Array => {
  const canvas = new Canvas(size, grid);
  const top: Rgb = [0x4a, 0x86, 0xf0];
  const bottom: Rgb = [0x1f, 0x55, 0xc0];
  const mix = (v: number): Rgb =>
    [0, 1, 2].map((k) => top[k]! + (bottom[k]! - top[k]!) * v) as unknown as Rgb;
  canvas.fill(roundRect(0.1, 0.1, 0.9, 0.9, 0.18), (_u, v) => mix((v - 0.1) / 0.8));
  const glyph = lanyardGlyph(0.24, 0.2, 0.52);
  canvas.fill(glyph.body, () => [0xff, 0xff, 0xff]);
  canvas.fill(glyph.slot, (_u, v) => mix((v - 0.1) / 0.8));
  return canvas.rgba();
};

export type TrayLook = 'light' | 'dark' | 'template';

const INK: Record<TrayLook, Rgb> = {
  light: [0x1f, 0x29, 0x37],
  dark: [0xf3, 0xf4, 0xf6],
  template: [0, 0, 0],
};
const STATE_COLOR: Record<Exclude<TrayIconKind, 'ok'>, Record<TrayLook, Rgb>> = {
  syncing: { light: [0x2f, 0x6f, 0xde], dark: [0x6b, 0x9b, 0xf2], template: [0, 0, 0] },
  pending: { light: [0xc2, 0x6a, 0x05], dark: [0xf5, 0x9e, 0x0b], template: [0, 0, 0] },
  error: { light: [0xdc, 0x26, 0x26], dark: [0xf8, 0x71, 0x71], template: [0, 0, 0] },
  paused: { light: [0x6b, 0x72, 0x80], dark: [0x9c, 0xa3, 0xaf], template: [0, 0, 0] },
};

// The state mark sits bottom right. Each state has its own shape, not only its own colour, so the states stay
// apart in macOS template images (one colour) and for colour-blind admins. "ok" has none: a quiet icon.
const BADGE = { cx: 0.78, cy: 0.78, r: 0.2 };
const badgeShape = (kind: Exclude<TrayIconKind, 'ok'>): Shape => {
  const { cx, cy, r } = BADGE;
  switch (kind) {
    case 'syncing':
      return ring(cx, cy, r, r * 0.5);
    case 'pending':
      return circle(cx, cy, r);
    case 'error':
      return diamond(cx, cy, r * 1.1);
    case 'paused':
      return union(
        roundRect(cx - r, cy - r, cx - r * 0.25, cy + r, r * 0.15),
        roundRect(cx + r * 0.25, cy - r, cx + r, cy + r, r * 0.15),
      );
  }
};

export const drawTrayIcon = (kind: TrayIconKind, look: TrayLook, size: number): Uint8Array => {
  const canvas = new Canvas(size, 4);
  const glyph = lanyardGlyph(0.04, 0.02, 0.8);
  canvas.fill(glyph.body, () => INK[look]);
  canvas.erase(glyph.slot);
  if (kind !== 'ok') {
    canvas.erase(circle(BADGE.cx, BADGE.cy, BADGE.r * 1.2 + 0.08)); // a clear halo keeps the mark legible
    canvas.fill(badgeShape(kind), () => STATE_COLOR[kind][look]);
  }
  return canvas.rgba();
};

// ------------------------------------------------------------------------------------------------------ the set

export const APP_ICON_SIZE = 1024;
/** Windows and Linux trays scale a 32 px icon down to their slot; macOS wants 16 pt plus an @2x image. */
export const TRAY_SIZE = 32;
export const TEMPLATE_SIZE = 16;

/** Every icon, keyed by its path relative to the repository root. */
export const renderIcons = (): Map<string, Buffer> => {
  const files = new Map<string, Buffer>();
  files.set('build/icon.png', encodePng(APP_ICON_SIZE, APP_ICON_SIZE, drawAppIcon(APP_ICON_SIZE)));
  for (const kind of TRAY_ICON_KINDS) {
    for (const look of ['light', 'dark'] as const)
      files.set(
        `build/tray/tray-${kind}-${look}.png`,
        encodePng(TRAY_SIZE, TRAY_SIZE, drawTrayIcon(kind, look, TRAY_SIZE)),
      );
    for (const [suffix, size] of [
      ['', TEMPLATE_SIZE],
      ['@2x', TEMPLATE_SIZE * 2],
    ] as const)
      files.set(
        `build/tray/tray-${kind}Template${suffix}.png`,
        encodePng(size, size, drawTrayIcon(kind, 'template', size)),
      );
  }
  return files;
};

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (const [file, bytes] of renderIcons()) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), bytes);
    console.log(`wrote ${file} (${bytes.length} bytes)`);
  }
}
