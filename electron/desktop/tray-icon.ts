// The tray icon drawn in code (a lanyard loop: a ring with a tag), so the app needs no binary asset to run.
// Returns raw BGRA pixels for nativeImage.createFromBitmap; on macOS it is used as a template image (black + alpha).

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export const MAC_TEMPLATE: Rgb = { r: 0, g: 0, b: 0 };
export const BRAND_BLUE: Rgb = { r: 0x2f, g: 0x6f, b: 0xde };

/** size×size premultiplied BGRA pixels: an anti-aliased ring in the upper part and a filled tag below it. */
export const trayIconBitmap = (size: number, color: Rgb): Buffer => {
  const buf = Buffer.alloc(size * size * 4);
  const cx = size / 2;
  const cy = size * 0.38;
  const outer = size * 0.34;
  const inner = size * 0.22;
  const tag = { x0: size * 0.34, x1: size * 0.66, y0: size * 0.62, y1: size * 0.95 };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const d = Math.hypot(px - cx, py - cy);
      // Coverage falls off over one pixel at each edge of the ring for a smooth outline.
      const ring = Math.max(0, Math.min(1, outer - d + 0.5, d - inner + 0.5));
      const inTag = px >= tag.x0 && px <= tag.x1 && py >= tag.y0 && py <= tag.y1 ? 1 : 0;
      const alpha = Math.round(255 * Math.max(ring, inTag));
      const i = (y * size + x) * 4;
      // Skia bitmaps are premultiplied: each channel scaled by alpha.
      buf[i] = Math.round((color.b * alpha) / 255);
      buf[i + 1] = Math.round((color.g * alpha) / 255);
      buf[i + 2] = Math.round((color.r * alpha) / 255);
      buf[i + 3] = alpha;
    }
  }
  return buf;
};
