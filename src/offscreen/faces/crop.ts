/**
 * The hand-off between face alignment and the emotion models. `npm run eval` runs these
 * same functions in Node, so an accuracy measured there holds for the extension.
 */

/** A square, aligned face crop in greyscale, values 0..1, row-major. */
export interface FaceCrop {
  size: number;
  data: Float32Array;
}

/**
 * MATLAB rgb2gray's rounding of the BT.601 luma weights. The baseline's reference code,
 * @vladmandic/human, greys faces with exactly these (`constants.rgb` in src/tfjs/constants.ts,
 * used by src/gear/emotion.ts); on a grey JPEG (R = G = B) they give 0.9999 x the value.
 */
export const LUMA_WEIGHTS = [0.2989, 0.587, 0.114] as const;

/**
 * A square RGBA image (0..255, alpha ignored) as a grey crop.
 * human resizes first and greys second; both steps are linear, so the order only moves
 * float rounding, and greying first lets one resize serve every model.
 */
export function cropFromRgba(rgba: ArrayLike<number>, width: number, height: number = width): FaceCrop {
  if (width !== height) throw new RangeError(`face crops are square; got ${width}x${height}`);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`bad crop size ${width}`);
  if (rgba.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const [wr, wg, wb] = LUMA_WEIGHTS;
  const data = new Float32Array(width * height);
  for (let i = 0, o = 0; i < data.length; i++, o += 4) {
    data[i] = (rgba[o] * wr + rgba[o + 1] * wg + rgba[o + 2] * wb) / 255;
  }
  return { size: width, data };
}

/**
 * Output pixel `u` of an n -> size downscale averages the source pixels its footprint
 * [u * n / size, (u + 1) * n / size) covers, each weighted by the covered length.
 */
function areaWeights(n: number, size: number): { first: Int32Array; weights: Float32Array[] } {
  const scale = n / size;
  const first = new Int32Array(size);
  const weights: Float32Array[] = [];
  for (let u = 0; u < size; u++) {
    const a = u * scale;
    const b = (u + 1) * scale;
    const i0 = Math.floor(a);
    const i1 = Math.min(n, Math.ceil(b));
    const w = new Float32Array(i1 - i0);
    for (let i = i0; i < i1; i++) w[i - i0] = (Math.min(b, i + 1) - Math.max(a, i)) / scale;
    first[u] = i0;
    weights.push(w);
  }
  return { first, weights };
}

/**
 * Resizes a crop to the model's side. Downscaling averages areas (anti-aliased: every source
 * pixel counts, so fine texture cannot alias into stripes); tools/train/augment.py's `resize`
 * uses the same weights, so training and runtime crops match. Upscaling is bilinear with
 * half-pixel centres and clamped edges, as OpenCV's `cv2.resize` (INTER_LINEAR) does: the
 * mini-Xception was trained on FER2013's 48 px faces scaled to 64 px that way
 * (oarriaga/face_classification).
 */
export function resizeCrop(crop: FaceCrop, size: number): FaceCrop {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`bad crop size ${size}`);
  if (size === crop.size) return crop;
  const src = crop.data;
  const n = crop.size;
  const data = new Float32Array(size * size);
  if (size < n) {
    // Separable: rows first into a size x n buffer, then columns.
    const { first, weights } = areaWeights(n, size);
    const rows = new Float32Array(size * n);
    for (let v = 0; v < size; v++) {
      const w = weights[v];
      for (let k = 0; k < w.length; k++) {
        const r = (first[v] + k) * n;
        for (let x = 0; x < n; x++) rows[v * n + x] += w[k] * src[r + x];
      }
    }
    for (let v = 0; v < size; v++) {
      for (let u = 0; u < size; u++) {
        const w = weights[u];
        let sum = 0;
        for (let k = 0; k < w.length; k++) sum += w[k] * rows[v * n + first[u] + k];
        data[v * size + u] = sum;
      }
    }
    return { size, data };
  }
  const scale = n / size;
  // Column weights are the same for every row, so they are worked out once.
  const x0s = new Int32Array(size);
  const x1s = new Int32Array(size);
  const fxs = new Float32Array(size);
  for (let u = 0; u < size; u++) {
    const x = Math.min(n - 1, Math.max(0, (u + 0.5) * scale - 0.5));
    x0s[u] = Math.floor(x);
    x1s[u] = Math.min(n - 1, x0s[u] + 1);
    fxs[u] = x - x0s[u];
  }
  for (let v = 0; v < size; v++) {
    const y = Math.min(n - 1, Math.max(0, (v + 0.5) * scale - 0.5));
    const r0 = Math.floor(y) * n;
    const r1 = Math.min(n - 1, Math.floor(y) + 1) * n;
    const fy = y - Math.floor(y);
    for (let u = 0; u < size; u++) {
      const fx = fxs[u];
      const top = src[r0 + x0s[u]] * (1 - fx) + src[r0 + x1s[u]] * fx;
      const bottom = src[r1 + x0s[u]] * (1 - fx) + src[r1 + x1s[u]] * fx;
      data[v * size + u] = top * (1 - fy) + bottom * fy;
    }
  }
  return { size, data };
}
