import { describe, expect, it } from 'vitest';
import { BRAND_BLUE, trayIconBitmap } from '../../../electron/desktop/tray-icon';

describe('the tray icon', () => {
  it('is a premultiplied BGRA bitmap with a transparent hole in the ring and an opaque tag', () => {
    const size = 32;
    const px = trayIconBitmap(size, BRAND_BLUE);
    expect(px.length).toBe(size * size * 4);
    const at = (x: number, y: number) => px.subarray((y * size + x) * 4, (y * size + x) * 4 + 4);
    expect(at(16, 12)[3]).toBe(0); // centre of the loop
    expect(at(0, 0)[3]).toBe(0); // corner
    const tag = at(16, 26);
    expect([...tag]).toEqual([BRAND_BLUE.b, BRAND_BLUE.g, BRAND_BLUE.r, 255]);
  });
});
