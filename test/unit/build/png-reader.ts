// A small PNG reader for the packaging tests: checks the signature and every chunk's CRC, reads IHDR, and
// decodes 8-bit RGBA pixels (all five row filters), so icons can be compared by what they show.
import zlib from 'node:zlib';
import { crc32, PNG_SIGNATURE } from '../../../scripts/make-icons';

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  chunks: string[];
}

const readChunks = (bytes: Buffer): Array<{ type: string; data: Buffer }> => {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    const crc = bytes.readUInt32BE(at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
};

export const readPngInfo = (bytes: Buffer): PngInfo => {
  const chunks = readChunks(bytes);
  const ihdr = chunks[0];
  if (!ihdr || ihdr.type !== 'IHDR' || ihdr.data.length !== 13) throw new Error('IHDR must come first');
  return {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data[8]!,
    colorType: ihdr.data[9]!,
    interlace: ihdr.data[12]!,
    chunks: chunks.map((c) => c.type),
  };
};

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** The pixels of a non-interlaced 8-bit RGBA PNG. */
export const readPngRgba = (bytes: Buffer): Buffer => {
  const info = readPngInfo(bytes);
  if (info.bitDepth !== 8 || info.colorType !== 6 || info.interlace !== 0) throw new Error('not 8-bit RGBA');
  const idat = Buffer.concat(
    readChunks(bytes)
      .filter((c) => c.type === 'IDAT')
      .map((c) => c.data),
  );
  const raw = zlib.inflateSync(idat);
  const stride = info.width * 4;
  const out = Buffer.alloc(info.height * stride);
  for (let y = 0; y < info.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      out[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return out;
};
