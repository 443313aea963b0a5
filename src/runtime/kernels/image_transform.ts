/**
 * TF's projective image transform (ImageProjectiveTransformV2/V3), computed on the host the way
 * TF's CPU generator does: each output pixel (x, y) maps to input ((a0 x + a1 y + a2) / p,
 * (b0 x + b1 y + b2) / p) with p = c0 x + c1 y + 1, the coordinates are folded into the image
 * by the fill mode, then sampled by nearest (round half away) or bilinear interpolation;
 * positions outside the image read `fill`. (The tfjs WASM kernel folds REFLECT differently.)
 */

/** How out-of-image coordinates are folded back (TF's `MapCoordinate`). */
export type FillMode = 'CONSTANT' | 'REFLECT' | 'WRAP' | 'NEAREST';

const clamp = (v: number, len: number): number => Math.min(Math.max(v, 0), len - 1);

function mapCoord(c: number, len: number, mode: FillMode): number {
  if (mode === 'CONSTANT') return c;
  if (mode === 'NEAREST') return clamp(c, len);
  if (c >= 0 && c <= len - 1) return c;
  if (len <= 1) return 0;
  if (mode === 'REFLECT') {
    const sz2 = 2 * len;
    if (c < 0) {
      c = sz2 * Math.trunc(-c / sz2) + c;
      c = c < -len ? c + sz2 : -c - 1;
    } else {
      c -= sz2 * Math.trunc(c / sz2);
      if (c >= len) c = sz2 - c - 1;
    }
    return clamp(Math.fround(c), len);
  }
  const sz = len - 1;
  c = c < 0 ? c + len * (Math.trunc(-c / sz) + 1) : c - len * Math.trunc(c / sz);
  return clamp(Math.fround(c), len);
}

/** Geometry and sampling options of one transform call. */
export interface ProjectiveArgs {
  /** Input [batch, height, width, channels]. */
  readonly shape: readonly number[];
  /** [1 or batch, 8] transform rows. */
  readonly transforms: Float32Array;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly bilinear: boolean;
  readonly mode: FillMode;
  readonly fill: number;
}

/** Transformed images, [batch, outHeight, outWidth, channels], float values (callers cast). */
export function projectiveTransform(src: ArrayLike<number>, a: ProjectiveArgs): Float32Array {
  const [batch, h, w, ch] = a.shape;
  const f = Math.fround;
  const out = new Float32Array(batch * a.outHeight * a.outWidth * ch);
  const read = (base: number, y: number, x: number, c: number): number => (y >= 0 && y < h && x >= 0 && x < w ? src[base + (y * w + x) * ch + c] : a.fill);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    const t = a.transforms.subarray(a.transforms.length === 8 ? 0 : b * 8, (a.transforms.length === 8 ? 0 : b * 8) + 8);
    const base = b * h * w * ch;
    for (let oy = 0; oy < a.outHeight; oy++) {
      for (let ox = 0; ox < a.outWidth; ox++, o += ch) {
        const p = f(f(f(t[6] * ox) + f(t[7] * oy)) + 1);
        if (p === 0) {
          out.fill(a.fill, o, o + ch);
          continue;
        }
        const x = mapCoord(f(f(f(f(t[0] * ox) + f(t[1] * oy)) + t[2]) / p), w, a.mode);
        const y = mapCoord(f(f(f(f(t[3] * ox) + f(t[4] * oy)) + t[5]) / p), h, a.mode);
        if (!a.bilinear) {
          const ry = Math.sign(y) * Math.round(Math.abs(y));
          const rx = Math.sign(x) * Math.round(Math.abs(x));
          for (let c = 0; c < ch; c++) out[o + c] = read(base, Math.trunc(ry), Math.trunc(rx), c);
          continue;
        }
        const y0 = Math.floor(y);
        const x0 = Math.floor(x);
        const [wy1, wy0, wx1, wx0] = [f(y0 + 1 - y), f(y - y0), f(x0 + 1 - x), f(x - x0)];
        for (let c = 0; c < ch; c++) {
          const top = f(f(wx1 * read(base, y0, x0, c)) + f(wx0 * read(base, y0, x0 + 1, c)));
          const bottom = f(f(wx1 * read(base, y0 + 1, x0, c)) + f(wx0 * read(base, y0 + 1, x0 + 1, c)));
          out[o + c] = f(f(wy1 * top) + f(wy0 * bottom));
        }
      }
    }
  }
  return out;
}
