import { MoodError } from '../shared/errors';
import type { Emotion, Probabilities } from '../shared/emotions';
import { send } from '../shared/messaging';
import type { ImageSource, Perception } from '../shared/perception';
import { cropBox, cropRgba, meanBrightness } from './align';
import { captureFrames, photoFrame, type Frame } from './camera';
import { combineFrames } from './combine';
import { cropPreview } from './crop-preview';
import { cropFromRgba, type FaceCrop } from './face-crop';
import { heatmapImage } from './heatmap-image';
import { detectWithMargin } from './padded-detect';
import type { EmotionModel } from './models/emotion-model';
import { loadModels, modelsLoaded } from './models-loader';

/** Faces narrower than this carry too little detail for a 48-64 px classifier. */
export const MIN_FACE_PX = 60;
/** Mean luma (0-255) below which a frame is too dark to read. */
export const DARK_BELOW = 35;
/**
 * The face is cut from the frame at this multiple of the model's input side, and the model's
 * resizeCrop area-averages it down: one bilinear step straight from a large face would alias.
 */
export const CROP_OVERSAMPLE = 4;

type FrameVerdict = { kind: 'face'; crop: FaceCrop; rgba: Uint8ClampedArray<ArrayBuffer>; size: number; faces: number } | { kind: 'dark' } | { kind: 'none' } | { kind: 'small'; faces: number };

function inspectFrame(frame: Frame, inputSize: number): FrameVerdict {
  if (meanBrightness(frame.rgba, frame.width, frame.height) < DARK_BELOW) return { kind: 'dark' };
  const image = new ImageData(frame.rgba, frame.width, frame.height);
  const found = detectWithMargin(image);
  if (!found.length) return { kind: 'none' };
  const largest = found[0];
  if (largest.box.width < MIN_FACE_PX) return { kind: 'small', faces: found.length };
  const box = cropBox(largest.leftEye, largest.rightEye);
  const side = inputSize * CROP_OVERSAMPLE;
  const rgba = cropRgba(frame.rgba, frame.width, frame.height, box, side);
  return { kind: 'face', crop: cropFromRgba(rgba, side), rgba, size: side, faces: found.length };
}

function failureFor(verdicts: FrameVerdict[]): MoodError {
  if (verdicts.every((v) => v.kind === 'dark')) return new MoodError('too-dark');
  if (verdicts.some((v) => v.kind === 'small')) return new MoodError('face-too-small');
  return new MoodError('no-face');
}

export async function analyze(req: { source: ImageSource; frames: number; signal: AbortSignal }): Promise<Perception> {
  const started = performance.now();
  // Models load while the camera warms up; both are slow the first time.
  if (!modelsLoaded()) void send('popup', 'stage', { stage: req.source.kind === 'camera' ? 'starting-camera' : 'finding-face', detail: 'loading the models, first time only' });
  const modelsReady = loadModels();
  modelsReady.catch(() => undefined);
  const { frames, cameraMs } =
    req.source.kind === 'camera'
      ? await captureFrames({ count: req.frames, signal: req.signal })
      : { frames: [await photoFrame(req.source.dataUrl)], cameraMs: 0 };
  void send('popup', 'stage', { stage: 'finding-face' });
  const models = await modelsReady;
  if (req.signal.aborted) throw new MoodError('timeout', 'The check was cancelled.');

  const perFrameStart = performance.now();
  const verdicts = frames.map((f) => inspectFrame(f, models.emotion.inputSize));
  const usable = verdicts.filter((v): v is Extract<FrameVerdict, { kind: 'face' }> => v.kind === 'face');
  if (!usable.length) throw failureFor(verdicts);

  void send('popup', 'stage', { stage: 'reading-expression' });
  const probabilities: Probabilities[] = await models.emotion.predict(usable.map((u) => u.crop));
  const perFrameMs = (performance.now() - perFrameStart) / frames.length;
  const combined = combineFrames(probabilities);
  const heatmap = await explainFace(models.emotion, usable[0].crop, combined.emotion);

  return {
    ...combined,
    framesCaptured: frames.length,
    framesWithFace: usable.length,
    maxFaces: Math.max(...verdicts.map((v) => ('faces' in v ? v.faces : 0))),
    frameSize: { width: frames[0].width, height: frames[0].height },
    backend: models.backend,
    model: models.emotion.id,
    timings: { cameraMs, perFrameMs, totalMs: performance.now() - started, modelLoadMs: models.loadMs },
    crop: cropPreview(usable[0].rgba, usable[0].size),
    ...(heatmap ? { heatmap } : {}),
  };
}

/** Grad-CAM over the first usable face for the mood we report; a result without one is still a result. */
async function explainFace(model: EmotionModel, crop: FaceCrop, emotion: Emotion): Promise<string | undefined> {
  if (!model.explain) return undefined;
  try {
    return heatmapImage(await model.explain(crop, emotion));
  } catch (err) {
    console.warn('MoodDJ: no heatmap for this check', err);
    return undefined;
  }
}
