import { personalise, roundEmbedding, type Prototype } from '../shared/calibration';
import { MoodError } from '../shared/errors';
import type { Emotion, Probabilities } from '../shared/emotions';
import { send } from '../shared/messaging';
import type { Attention, ImageSource, Perception } from '../shared/perception';
import { cropBox, cropRgba, meanBrightness } from './align';
import { captureFrames, photoFrame, type Frame } from './camera';
import { combineFrames } from './combine';
import { cropPreview } from './crop-preview';
import { cropFromRgba, type FaceCrop } from './face-crop';
import { DARK_BELOW, judgeFrame, usableFrames, type FrameVerdict } from './face-checks';
import type { Face } from './face-types';
import * as faces from './faces';
import { findFaces } from './find-faces';
import { heatmapImage } from './heatmap-image';
import { heatmapAttention } from './heatmap-regions';
import type { EmotionModel } from './models/emotion-model';
import { loadModels, modelsLoaded } from './models-loader';

async function inspectFrame(frame: Frame): Promise<FrameVerdict> {
  if (meanBrightness(frame.rgba, frame.width, frame.height) < DARK_BELOW) return { kind: 'dark' };
  return judgeFrame(frame, await findFaces({ data: frame.rgba, width: frame.width, height: frame.height }, (image) => faces.detect(image)));
}

/**
 * The face is cut from the frame at this multiple of the model's input side, and the model's
 * resizeCrop area-averages it down: one bilinear step straight from a large face would alias.
 */
export const CROP_OVERSAMPLE = 4;

function faceCrop(frame: Frame, face: Face, inputSize: number): { crop: FaceCrop; rgba: Uint8ClampedArray<ArrayBuffer>; size: number } {
  const box = cropBox(face.leftEye, face.rightEye);
  const side = inputSize * CROP_OVERSAMPLE;
  const rgba = cropRgba(frame.rgba, frame.width, frame.height, box, side);
  return { crop: cropFromRgba(rgba, side), rgba, size: side };
}

export async function analyze(req: { source: ImageSource; frames: number; calibration?: Prototype[]; signal: AbortSignal }): Promise<Perception> {
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
  const verdicts: FrameVerdict[] = [];
  for (const f of frames) verdicts.push(await inspectFrame(f));
  const judged = usableFrames(verdicts);
  if (!judged.ok) throw new MoodError(judged.code);
  const usable = judged.frames.map((i) => faceCrop(frames[i], (verdicts[i] as Extract<FrameVerdict, { kind: 'face' }>).face, models.emotion.inputSize));

  void send('popup', 'stage', { stage: 'reading-expression' });
  const reading = await readFaces(models.emotion, usable.map((u) => u.crop), req.calibration ?? []);
  const perFrameMs = (performance.now() - perFrameStart) / frames.length;
  const combined = combineFrames(reading.probabilities, models.emotion.notSureBelow);
  const heatmap = await explainFace(models.emotion, usable[0].crop, combined.emotion);

  return {
    ...combined,
    framesCaptured: frames.length,
    framesWithFace: usable.length,
    maxFaces: Math.max(...judged.frames.map((i) => ('faces' in verdicts[i] ? verdicts[i].faces : 0))),
    frameSize: { width: frames[0].width, height: frames[0].height },
    backend: models.backend,
    model: models.emotion.id,
    timings: { cameraMs, perFrameMs, totalMs: performance.now() - started, modelLoadMs: models.loadMs },
    ...reading.personal,
    crop: cropPreview(usable[0].rgba, usable[0].size),
    ...(heatmap ? { heatmap: heatmap.image } : {}),
    ...(heatmap?.attention ? { attention: heatmap.attention } : {}),
  };
}

/**
 * Per frame: the generic probabilities, personalised by the user's prototypes when there are
 * any. Alongside, the numbers a labelled example keeps: the frames' mean embedding and, when
 * personalised, the generic combined output.
 */
async function readFaces(
  model: EmotionModel,
  crops: FaceCrop[],
  calibration: Prototype[],
): Promise<{ probabilities: Probabilities[]; personal: Pick<Perception, 'personalised' | 'generic' | 'embedding'> }> {
  if (!model.predictWithEmbeddings) return { probabilities: await model.predict(crops), personal: {} };
  const { probabilities: generic, embeddings } = await model.predictWithEmbeddings(crops);
  const adapted = generic.map((p, i) => personalise(p, embeddings[i], calibration));
  const personalised = adapted.some((a) => a.personalised);
  const mean = new Float32Array(embeddings[0].length);
  for (const e of embeddings) e.forEach((v, i) => (mean[i] += v / embeddings.length));
  return {
    probabilities: adapted.map((a) => a.probabilities),
    personal: { personalised, embedding: roundEmbedding(mean), ...(personalised ? { generic: combineFrames(generic, model.notSureBelow).probabilities } : {}) },
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
