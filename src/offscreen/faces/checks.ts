/**
 * What a frame shows, decided from the detector's faces and the pixels: pure functions, so
 * every rule below is unit-tested. A detector output that a face cannot produce (eyes outside
 * the box, eyes too close or too far apart for the box, mouth above the eyes) is not a face:
 * Chromium's green test pattern and busy backgrounds give such detections.
 */
import type { ErrorCode } from '../../shared/errors';
import { MIN_DETECTION_CONFIDENCE, type Face, type Point } from './types';

/**
 * Narrower faces carry too little detail for the 48-64 px emotion models, and the detector
 * misses most of them on a whole 640x480 frame (on FER2013 dev faces placed in frames:
 * ~6 % found at a 94 px box, 76 % at 100 px, 97 % at 134 px).
 */
export const MIN_FACE_PX = 90;
/** Mean luma (0-255) below which a frame is too dark to read. */
export const DARK_BELOW = 35;
/**
 * Mean luma inside the face box below which the face is too dark (e.g. a window behind). Dim
 * FER2013 dev faces that the detector finds with confidence (0.78-0.81) measure 42-43 and are
 * readable, so the bar sits just under them.
 */
export const FACE_DARK_BELOW = 40;
/**
 * Share of the face that may lie outside the frame before it counts as cut. The face is the
 * square the eyes imply (2.4 eye distances, centred a little below them), not the detector's
 * box: MediaPipe clips its boxes to the image, so they never reach outside it.
 */
export const MAX_OUTSIDE = 0.15;
/**
 * The same for a photo: nobody can step back into a picture, and a portrait framed tightly
 * loses forehead and chin past that square (FER2013 dev faces shown at the full frame height:
 * 0.15-0.20 outside, with eyes, nose and mouth all inside). A face cut through an eye or the
 * mouth still counts as cut by its keypoints, and one mostly outside by this share.
 */
export const STILL_MAX_OUTSIDE = 0.3;
/**
 * Eye distance / box width. On 1202 FER2013 dev faces placed in frames (TF.js path) it runs
 * 0.23-0.49 for 98 % of faces (median 0.42); on 30 detections in Chromium's fake-camera test
 * pattern it never passes 0.21 (median 0.14). Mouth distance below the eye line / eye
 * distance: FER 0.78-3.9 (median 1.06), the test pattern from 0.56. Bars set between.
 */
export const EYE_RATIO = { min: 0.22, max: 0.7 } as const;
export const MOUTH_RATIO = { min: 0.72, max: 2.5 } as const;
/**
 * A head turned far to one side brings the eyes closer than EYE_RATIO.min (FER2013 dev faces in
 * profile: 0.11-0.20 of the box, 1-1.5 % of faces), and the eye distance no longer measures the
 * mouth. Such a face is taken only when the rest shows the turn: the head upright (eye line
 * within `maxTilt` degrees; profiles measured -19..12), the nose tip clearly below the eye line
 * (0.7-2.4 eye distances) and pushed out to one side of the eyes (0.65-1.6), and the mouth
 * where a face's is for the box (0.36-0.45 of its width). Chromium's test pattern gives close
 * eyes too (66 detections, 0.06-0.21), but never so: upright ones (tilt under 30) have their
 * "nose" above the eyes (-0.7 eye distances or higher), the rest tilt 32-59 degrees.
 */
export const TURNED_HEAD = { minEyeRatio: 0.1, maxTilt: 30, minNoseDown: 0.4, minNoseSide: 0.5, mouthDown: { min: 0.25, max: 0.6 } } as const;

export type FrameVerdict =
  | { kind: 'face'; face: Face; faces: number }
  | { kind: 'small'; face: Face; faces: number }
  | { kind: 'cut'; face: Face; faces: number }
  | { kind: 'face-dark'; face: Face; faces: number }
  | { kind: 'dark' }
  | { kind: 'none' };

/** The two eyes, the one further left in the image first. */
function eyesLeftToRight(face: Face): [Point, Point] {
  return face.rightEye.x <= face.leftEye.x ? [face.rightEye, face.leftEye] : [face.leftEye, face.rightEye];
}

/** The eye line, from the eye further left in the image: where `p` lies along it from the eyes' midpoint, and how far below it. */
function eyeFrame(face: Face, p: Point): { along: number; below: number } {
  const [a, b] = eyesLeftToRight(face);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  return { along: ((p.x - mx) * dx + (p.y - my) * dy) / len, below: ((p.x - a.x) * -dy + (p.y - a.y) * dx) / len };
}

/** Eyes close together for the box: a plausible face only as a head turned to one side (TURNED_HEAD). */
function plausibleTurnedHead(face: Face, eyes: number): boolean {
  const [nose, mouth] = [face.keypoints[2], face.keypoints[3]];
  if (!nose || !mouth) return false;
  const [a, b] = eyesLeftToRight(face);
  const tilt = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
  if (Math.abs(tilt) > TURNED_HEAD.maxTilt) return false;
  const n = eyeFrame(face, nose);
  if (n.below < TURNED_HEAD.minNoseDown * eyes || Math.abs(n.along) < TURNED_HEAD.minNoseSide * eyes) return false;
  const down = eyeFrame(face, mouth).below / face.box.width;
  return down >= TURNED_HEAD.mouthDown.min && down <= TURNED_HEAD.mouthDown.max;
}

/** Whether the keypoints are arranged as a face's can be. */
export function plausibleFace(face: Face): boolean {
  const { box } = face;
  if (!(box.width > 0 && box.height > 0)) return false;
  const margin = 0.05 * box.width;
  const inside = (p: Point) => p.x >= box.x - margin && p.x <= box.x + box.width + margin && p.y >= box.y - margin && p.y <= box.y + box.height + margin;
  if (!inside(face.rightEye) || !inside(face.leftEye)) return false;
  const eyes = Math.hypot(face.leftEye.x - face.rightEye.x, face.leftEye.y - face.rightEye.y);
  const ratio = eyes / box.width;
  if (ratio > EYE_RATIO.max || ratio < TURNED_HEAD.minEyeRatio) return false;
  if (ratio < EYE_RATIO.min) return plausibleTurnedHead(face, eyes);
  const mouth = face.keypoints[3];
  if (mouth) {
    const down = eyeFrame(face, mouth).below / eyes;
    if (down < MOUTH_RATIO.min || down > MOUTH_RATIO.max) return false;
  }
  return true;
}

/** Share of the face box outside the frame, or a key feature (eyes, nose, mouth) past its edge. */
export function cutByEdge(face: Face, width: number, height: number, maxOutside: number = MAX_OUTSIDE): boolean {
  const eyes = Math.hypot(face.leftEye.x - face.rightEye.x, face.leftEye.y - face.rightEye.y);
  const w = 2.4 * eyes;
  const h = w;
  const x = (face.leftEye.x + face.rightEye.x) / 2 - w / 2;
  const y = (face.leftEye.y + face.rightEye.y) / 2 + 0.3 * eyes - h / 2;
  const visible = Math.max(0, Math.min(width, x + w) - Math.max(0, x)) * Math.max(0, Math.min(height, y + h) - Math.max(0, y));
  if (1 - visible / (w * h) > maxOutside) return true;
  return face.keypoints.slice(0, 4).some((p) => p.x < 0 || p.y < 0 || p.x >= width || p.y >= height);
}

/** Mean luma 0..255 of the part of `box` inside the image, sampled on a grid. */
export function regionBrightness(rgba: ArrayLike<number>, width: number, height: number, box: Face['box']): number {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.width));
  const y1 = Math.min(height, Math.ceil(box.y + box.height));
  const step = Math.max(1, Math.floor(Math.min(x1 - x0, y1 - y0) / 32));
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const i = (y * width + x) * 4;
      sum += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
      n++;
    }
  }
  return n ? sum / n : 0;
}

/** The verdict for one frame from the faces found in it (any order); `still` for a photo rather than a camera frame. */
export function judgeFrame(frame: { rgba: ArrayLike<number>; width: number; height: number }, found: Face[], opts: { still?: boolean } = {}): FrameVerdict {
  const maxOutside = opts.still ? STILL_MAX_OUTSIDE : MAX_OUTSIDE;
  const plausible = found.filter(plausibleFace).sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  const faces = plausible.filter((f) => f.score >= MIN_DETECTION_CONFIDENCE);
  if (!faces.length) {
    // Too weak to read, but a face-shaped detection reaching past the edge is worth the advice.
    const cut = plausible.find((f) => cutByEdge(f, frame.width, frame.height, maxOutside));
    return cut ? { kind: 'cut', face: cut, faces: 1 } : { kind: 'none' };
  }
  const face = faces[0];
  const n = faces.length;
  if (face.box.width < MIN_FACE_PX) return { kind: 'small', face, faces: n };
  if (cutByEdge(face, frame.width, frame.height, maxOutside)) return { kind: 'cut', face, faces: n };
  if (regionBrightness(frame.rgba, frame.width, frame.height, face.box) < FACE_DARK_BELOW) return { kind: 'face-dark', face, faces: n };
  return { kind: 'face', face, faces: n };
}

/**
 * Frames whose face agrees with the others: a real face stays about where it was over half a
 * second; a phantom jumps about. Keeps the largest group of faces whose centres lie within
 * half a face width of each other and whose sizes differ by under 1.6x. Returns indices.
 */
export function agreeingFaces(faces: Face[]): number[] {
  const centre = (f: Face) => ({ x: f.box.x + f.box.width / 2, y: f.box.y + f.box.height / 2 });
  let best: number[] = [];
  faces.forEach((a, i) => {
    const ca = centre(a);
    const group = faces.flatMap((b, j) => {
      const cb = centre(b);
      const near = Math.hypot(ca.x - cb.x, ca.y - cb.y) <= 0.5 * Math.max(a.box.width, b.box.width);
      const similar = Math.max(a.box.width, b.box.width) / Math.min(a.box.width, b.box.width) < 1.6;
      return near && similar ? [j] : [];
    });
    if (group.length > best.length || (group.length === best.length && i < (best[0] ?? Infinity))) best = group;
  });
  return best;
}

/**
 * The frames of a check that may be read, or why none may. A face must be seen in at least
 * half of the frames, in one place; otherwise the check says what most frames showed.
 */
export function usableFrames(verdicts: FrameVerdict[]): { ok: true; frames: number[] } | { ok: false; code: ErrorCode } {
  const faceFrames = verdicts.flatMap((v, i) => (v.kind === 'face' ? [i] : []));
  const agreeing = agreeingFaces(faceFrames.map((i) => (verdicts[i] as Extract<FrameVerdict, { kind: 'face' }>).face)).map((k) => faceFrames[k]);
  if (agreeing.length && agreeing.length * 2 >= verdicts.length) return { ok: true, frames: agreeing };
  return { ok: false, code: failureFor(verdicts) };
}

const FAILURE: Record<Exclude<FrameVerdict['kind'], 'face'>, ErrorCode> = {
  small: 'face-too-small',
  cut: 'face-cut',
  'face-dark': 'face-too-dark',
  dark: 'too-dark',
  none: 'no-face',
};

/** What most frames showed; a frame with a face-like problem beats one with nothing. */
function failureFor(verdicts: FrameVerdict[]): ErrorCode {
  const counts = new Map<ErrorCode, number>();
  for (const v of verdicts) if (v.kind !== 'face') counts.set(FAILURE[v.kind], (counts.get(FAILURE[v.kind]) ?? 0) + 1);
  if ((counts.get('too-dark') ?? 0) * 2 > verdicts.length) return 'too-dark';
  const faceProblems = (['face-too-small', 'face-cut', 'face-too-dark'] as const).filter((c) => counts.has(c));
  // A problem seen in at least half the frames is the advice; otherwise nothing face-like was steady.
  const steady = faceProblems.filter((c) => (counts.get(c) ?? 0) * 2 >= verdicts.length).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  return steady[0] ?? ((counts.get('too-dark') ?? 0) >= (counts.get('no-face') ?? 0) && counts.has('too-dark') ? 'too-dark' : 'no-face');
}
