import type { Face, Point } from './types';

/**
 * Margin added around a frame, as a share of its longer side, when the detector finds nothing:
 * BlazeFace short range misses faces that fill the picture (close-ups, portrait photos), and
 * the same face with a border around it is a size it knows.
 */
export const RETRY_MARGIN = 0.3;
/** The border's grey: neutral for the detector, and never mistaken for a face. */
const BORDER = 128;

/** `image` centred in a grey border `margin` pixels wide. */
export function withMargin(image: ImageData, margin: number): ImageData {
  const w = image.width + 2 * margin;
  const h = image.height + 2 * margin;
  const out = new Uint8ClampedArray(w * h * 4).fill(BORDER);
  for (let y = 0; y < image.height; y++) {
    out.set(image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4), ((y + margin) * w + margin) * 4);
  }
  return new ImageData(out, w, h);
}

function shift(face: Face, d: number): Face {
  const move = (p: Point) => ({ x: p.x - d, y: p.y - d });
  return {
    ...face,
    box: { ...face.box, x: face.box.x - d, y: face.box.y - d },
    rightEye: move(face.rightEye),
    leftEye: move(face.leftEye),
    keypoints: face.keypoints.map(move),
  };
}

/** Faces in the frame, largest first; if none, looks again with a margin around it. Coordinates are the frame's. */
export async function detectWithMargin(image: ImageData, detect: (image: ImageData) => Promise<Face[]>): Promise<Face[]> {
  const found = await detect(image);
  if (found.length) return found;
  const margin = Math.round(RETRY_MARGIN * Math.max(image.width, image.height));
  return (await detect(withMargin(image, margin))).map((f) => shift(f, margin));
}
