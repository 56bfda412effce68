/**
 * The landmark net's crop for an image that is already an aligned FER-framed face (a FER2013 or
 * CK+ crop, as `npm run eval` reads them): its eyes are where FER_GEOMETRY puts them, so the
 * crop the product would cut around the detector's eyes is cut around those.
 */
import { cropBox, cropRgba, FER_GEOMETRY } from '../../src/offscreen/faces/align';
import { LANDMARK_GEOMETRY, LANDMARK_INPUT, type LandmarkCrop } from './face-landmarks';
import { centreSquare } from './dataset';

export function ferLandmarkCrop(image: { width: number; height: number; data: Uint8Array | Uint8ClampedArray }): LandmarkCrop {
  const { size, rgba } = centreSquare(image.data, image.width, image.height);
  const eyeDistance = size / FER_GEOMETRY.size;
  const eyeY = size / 2 - FER_GEOMETRY.down * eyeDistance;
  const box = cropBox({ x: size / 2 - eyeDistance / 2, y: eyeY }, { x: size / 2 + eyeDistance / 2, y: eyeY }, LANDMARK_GEOMETRY);
  return { rgba: cropRgba(rgba, size, size, box, LANDMARK_INPUT) };
}
