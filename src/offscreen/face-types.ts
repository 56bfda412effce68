/** What every face detector in the offscreen document reports. */
export interface Point {
  x: number;
  y: number;
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
