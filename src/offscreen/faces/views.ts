/**
 * The crops a face is read from: cut from the frame by the eyes (align.ts), at several
 * framings a few pixels apart, and sized for the emotion model (their readings are combined by
 * model/combine.ts combineViews).
 */
import type { Frame } from '../capture/frame';
import { cropBox, cropRgba, FER_GEOMETRY, shiftBox } from './align';
import { cropFromRgba, type FaceCrop } from './crop';
import type { Face } from './types';

/**
 * The face is cut from the frame at this multiple of the model's input side, and the model's
 * resizeCrop area-averages it down: one bilinear step straight from a large face would alias.
 */
export const CROP_OVERSAMPLE = 4;

/**
 * A photo's face is read from five crops: the one the eyes place, and the same moved by
 * VIEW_SHIFT of its side right, left, down and up; the model's five answers are averaged. The
 * detector's eyes are a few pixels off in any one frame, most on small faces, and the answer
 * moves with them; over nearby framings it follows the face instead. Chosen on dev through the
 * product's own detections (tools/train/README.md, "Views"). A camera check reads one crop per
 * frame: its several frames, each with its own detection, already average over the eyes' error,
 * and five crops a frame would cost ~4x the model time of every frame.
 */
export const VIEW_SHIFT = 0.03;
const SHIFTS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];
/** How many crops a photo's face is read from. */
export const PHOTO_VIEWS = 1 + SHIFTS.length;

export interface Cut {
  /** The centred crop: shown in the popup and explained by the heatmap. */
  crop: FaceCrop;
  rgba: Uint8ClampedArray<ArrayBuffer>;
  size: number;
}

/** The centred crop, and the crops to read: all the views for a photo (`still`), else the centred one. */
export function faceCrops(frame: Frame, face: Face, inputSize: number, still: boolean): { cut: Cut; views: FaceCrop[] } {
  const box = cropBox(face.leftEye, face.rightEye, FER_GEOMETRY, face.box.width);
  const side = inputSize * CROP_OVERSAMPLE;
  const rgba = cropRgba(frame.rgba, frame.width, frame.height, box, side);
  const cut = { crop: cropFromRgba(rgba, side), rgba, size: side };
  if (!still) return { cut, views: [cut.crop] };
  const shifted = SHIFTS.map(([x, y]) =>
    cropFromRgba(cropRgba(frame.rgba, frame.width, frame.height, shiftBox(box, x * VIEW_SHIFT, y * VIEW_SHIFT), side), side),
  );
  return { cut, views: [cut.crop, ...shifted] };
}
