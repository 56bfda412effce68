/**
 * Reading one frame of a check: is there a face (faces/), and if so what does it show (model/).
 * Each frame's verdict and reading are added to the check's running `Read`.
 */
import type { Prototype } from '../../shared/calibration';
import { meanBrightness, type Frame } from '../capture/frame';
import { DARK_BELOW, judgeFrame, type FrameVerdict } from '../faces/checks';
import * as faces from '../faces/detector';
import { findFaces } from '../faces/find';
import { faceCrops, type Cut } from '../faces/views';
import type { Models } from '../model/load';
import { readFace, type FaceReading } from '../model/read-face';
import type { Reading } from './enough-frames';

/** What a check has read so far. */
export interface Read {
  readings: Reading[];
  /** The face crop of each frame that had a readable face, by frame index. */
  crops: Map<number, Cut>;
  /** What personal calibration needs of each read face, by frame index. */
  faces: Map<number, FaceReading>;
  frameSize: { width: number; height: number };
  /** Detection and model time over all frames, without the waits for the camera. */
  computeMs: number;
}

export function newRead(): Read {
  return { readings: [], crops: new Map(), faces: new Map(), frameSize: { width: 0, height: 0 }, computeMs: 0 };
}

/** Drops every reading so far (frames read before the camera had settled). */
export function forget(read: Read): void {
  read.readings.length = 0;
  read.crops.clear();
  read.faces.clear();
  read.computeMs = 0;
}

/** `still`: a photo, which nobody can step back into (see STILL_MAX_OUTSIDE). */
async function inspectFrame(frame: Frame, still: boolean): Promise<FrameVerdict> {
  if (meanBrightness(frame.rgba, frame.width, frame.height) < DARK_BELOW) return { kind: 'dark' };
  const found = await findFaces({ data: frame.rgba, width: frame.width, height: frame.height }, (image) => faces.detect(image));
  return judgeFrame(frame, found, { still });
}

export async function readFrame(frame: Frame, models: Models, into: Read, calibration: readonly Prototype[], still = false): Promise<void> {
  const t = performance.now();
  try {
    await readInto(frame, models, into, calibration, still);
  } finally {
    into.computeMs += performance.now() - t;
  }
}

async function readInto(frame: Frame, models: Models, into: Read, calibration: readonly Prototype[], still: boolean): Promise<void> {
  const verdict = await inspectFrame(frame, still);
  const index = into.readings.length;
  if (verdict.kind !== 'face') {
    into.readings.push({ verdict });
    return;
  }
  const { cut, views } = faceCrops(frame, verdict.face, models.emotion.inputSize, still);
  const { probabilities, ...face } = await readFace(models.emotion, views, calibration);
  into.crops.set(index, cut);
  into.faces.set(index, face);
  // The stop rule sees the personalised reading: that is the one the user gets.
  into.readings.push({ verdict, probabilities });
}
