import { MoodError } from '../shared/errors';
import type { Emotion, Probabilities } from '../shared/emotions';
import { send } from '../shared/messaging';
import type { Attention, ImageSource, Perception } from '../shared/perception';
import { cropBox, cropRgba, meanBrightness } from './align';
import { openCamera, photoFrame, settle, type Frame } from './camera';
import { combineFrames } from './combine';
import { cropPreview } from './crop-preview';
import { cropFromRgba, type FaceCrop } from './face-crop';
import { stopReason, type Reading } from './enough-frames';
import { DARK_BELOW, judgeFrame, usableFrames, type FrameVerdict } from './face-checks';
import type { Face } from './face-types';
import * as faces from './faces';
import { findFaces } from './find-faces';
import { heatmapImage } from './heatmap-image';
import { heatmapAttention } from './heatmap-regions';
import type { EmotionModel } from './models/emotion-model';
import { loadModels, modelsLoaded, type Models } from './models-loader';

async function inspectFrame(frame: Frame): Promise<FrameVerdict> {
  if (meanBrightness(frame.rgba, frame.width, frame.height) < DARK_BELOW) return { kind: 'dark' };
  return judgeFrame(frame, await findFaces({ data: frame.rgba, width: frame.width, height: frame.height }, (image) => faces.detect(image)));
}

function faceCrop(frame: Frame, face: Face, inputSize: number): { crop: FaceCrop; rgba: Uint8ClampedArray<ArrayBuffer>; size: number } {
  const box = cropBox(face.leftEye, face.rightEye);
  const rgba = cropRgba(frame.rgba, frame.width, frame.height, box, inputSize);
  return { crop: cropFromRgba(rgba, inputSize), rgba, size: inputSize };
}

/**
 * How a camera check reads frames: it stops once `AGREE` consecutive frames agree with
 * confidence, or after the requested frame count plus `EXTRA_FRAMES` / `MAX_READ_MS` of reading
 * for hard cases (a face that comes and goes, a mood between two classes).
 */
const AGREE = 3;
const EXTRA_FRAMES = 5;
const MAX_READ_MS = 2500;
const SETTLE_MAX_MS = 1000;

interface Read {
  readings: Reading[];
  /** The face crop of each frame that had a readable face, by frame index. */
  crops: Map<number, ReturnType<typeof faceCrop>>;
  frameSize: { width: number; height: number };
  /** Detection and model time over all frames, without the waits for the camera. */
  computeMs: number;
}

async function readFrame(frame: Frame, models: Models, into: Read): Promise<void> {
  const t = performance.now();
  try {
    await readInto(frame, models, into);
  } finally {
    into.computeMs += performance.now() - t;
  }
}

async function readInto(frame: Frame, models: Models, into: Read): Promise<void> {
  const verdict = await inspectFrame(frame);
  const index = into.readings.length;
  if (verdict.kind !== 'face') {
    into.readings.push({ verdict });
    return;
  }
  const crop = faceCrop(frame, verdict.face, models.emotion.inputSize);
  const [probabilities] = await models.emotion.predict([crop.crop]);
  into.crops.set(index, crop);
  into.readings.push({ verdict, probabilities });
}

export async function analyze(req: { source: ImageSource; frames: number; signal: AbortSignal }): Promise<Perception> {
  const started = performance.now();
  const aborted = () => {
    if (req.signal.aborted) throw new MoodError('timeout', 'The check was cancelled.');
  };
  // Models load while the camera opens and settles; both are slow the first time (unless warmed).
  if (!modelsLoaded())
    void send('popup', 'stage', { stage: req.source.kind === 'camera' ? 'starting-camera' : 'finding-face', detail: 'loading the models, first time only' });
  const modelsReady = loadModels();
  modelsReady.catch(() => undefined);
  const read: Read = { readings: [], crops: new Map(), frameSize: { width: 0, height: 0 }, computeMs: 0 };
  const capture = { cameraOpenMs: 0, settleMs: 0, modelWaitMs: 0, readMs: 0 };
  let models: Models;

  if (req.source.kind === 'camera') {
    const camera = await openCamera({ signal: req.signal });
    try {
      capture.cameraOpenMs = camera.openMs;
      let t = performance.now();
      let { frame } = await settle(camera, { maxMs: SETTLE_MAX_MS });
      capture.settleMs = performance.now() - t;
      void send('popup', 'stage', { stage: 'finding-face' });
      t = performance.now();
      models = await modelsReady;
      capture.modelWaitMs = performance.now() - t;
      aborted();
      read.frameSize = { width: frame.width, height: frame.height };
      const rule = {
        agree: Math.min(AGREE, req.frames),
        minFrames: req.frames,
        maxFrames: req.frames + EXTRA_FRAMES,
        notSureBelow: models.emotion.notSureBelow,
      };
      const readStart = performance.now();
      // The settled frame is the first one read; later frames are taken as the camera delivers them.
      for (;;) {
        await readFrame(frame, models, read);
        aborted();
        if (stopReason(read.readings, rule) || performance.now() - readStart > MAX_READ_MS) break;
        frame = await camera.next();
      }
      capture.readMs = performance.now() - readStart;
    } finally {
      // Off as soon as the frames are read, before the heatmap.
      camera.stop();
    }
  } else {
    const frame = await photoFrame(req.source.dataUrl);
    void send('popup', 'stage', { stage: 'finding-face' });
    models = await modelsReady;
    aborted();
    read.frameSize = { width: frame.width, height: frame.height };
    const t = performance.now();
    await readFrame(frame, models, read);
    capture.readMs = performance.now() - t;
  }

  const verdicts = read.readings.map((r) => r.verdict);
  const judged = usableFrames(verdicts);
  if (!judged.ok) throw new MoodError(judged.code);
  void send('popup', 'stage', { stage: 'reading-expression' });
  const probabilities = judged.frames.map((i) => read.readings[i].probabilities as Probabilities);
  const combined = combineFrames(probabilities, models.emotion.notSureBelow);
  const first = read.crops.get(judged.frames[0]) as ReturnType<typeof faceCrop>;
  const heatmap = await explainFace(models.emotion, first.crop, combined.emotion);

  return {
    ...combined,
    framesCaptured: verdicts.length,
    framesWithFace: judged.frames.length,
    maxFaces: Math.max(...judged.frames.map((i) => ('faces' in verdicts[i] ? verdicts[i].faces : 0))),
    frameSize: read.frameSize,
    backend: models.backend,
    model: models.emotion.id,
    timings: {
      cameraMs: capture.cameraOpenMs + capture.settleMs,
      perFrameMs: read.computeMs / verdicts.length,
      totalMs: performance.now() - started,
      modelLoadMs: models.loadMs,
      ...capture,
    },
    crop: cropPreview(first.rgba, first.size),
    ...(heatmap ? { heatmap: heatmap.image } : {}),
    ...(heatmap?.attention ? { attention: heatmap.attention } : {}),
  };
}

/** Grad-CAM over the first usable face for the mood we report; a result without one is still a result. */
async function explainFace(model: EmotionModel, crop: FaceCrop, emotion: Emotion): Promise<{ image: string; attention?: Attention } | undefined> {
  if (!model.explain) return undefined;
  try {
    const map = await model.explain(crop, emotion);
    return { image: heatmapImage(map), attention: heatmapAttention(map) };
  } catch (err) {
    console.warn('MoodDJ: no heatmap for this check', err);
    return undefined;
  }
}
