/** What every face detector in the offscreen document reports. */
export interface Point {
  x: number;
  y: number;
}

/** A frame's pixels, as face finding reads them. */
export interface Rgba {
  data: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

/** All coordinates are pixels of the image passed to `detect`. */
export interface Face {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /** The subject's right eye: on the image's left in an unmirrored frame. */
  rightEye: Point;
  /** The subject's left eye: on the image's right in an unmirrored frame. */
  leftEye: Point;
  /**
   * BlazeFace's six keypoints in its order: subject's right eye, left eye, nose tip,
   * mouth centre, right ear tragion, left ear tragion.
   */
  keypoints: Point[];
}

/**
 * MediaPipe's default bar for a detection. FER2013 faces shown at ~200 px score 0.52 to 0.95
 * (median 0.88), so a higher bar would start losing real faces; a blank frame scores nothing.
 */
export const MIN_DETECTION_CONFIDENCE = 0.5;
/**
 * What the detectors are asked for: a face half out of the picture scores 0.38-0.46, enough to
 * say "cut by the edge" (checks.ts) but not to be read.
 */
export const REPORTED_CONFIDENCE = 0.35;
