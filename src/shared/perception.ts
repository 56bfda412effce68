import { z } from 'zod';
import { EMOTIONS } from './emotions';

export const emotionSchema = z.enum(EMOTIONS);
export const probabilitiesSchema = z.object({
  angry: z.number(),
  disgust: z.number(),
  fear: z.number(),
  happy: z.number(),
  sad: z.number(),
  surprise: z.number(),
  neutral: z.number(),
});

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const backendSchema = z.enum(BACKENDS);
export type Backend = z.infer<typeof backendSchema>;

/** Where the pixels of a check come from. */
export const imageSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('camera') }),
  // A photo the user dropped in the popup, as a data: URL (kept in memory only).
  z.object({ kind: z.literal('photo'), dataUrl: z.string().startsWith('data:image/').max(30_000_000) }),
]);
export type ImageSource = z.infer<typeof imageSourceSchema>;

/** Bands of the aligned face crop, top to bottom, that a heatmap reading names. */
export const FACE_REGIONS = ['brow', 'eyes', 'nose', 'mouth'] as const;
export type FaceRegion = (typeof FACE_REGIONS)[number];
/** Share (0..1, summing to 1) of the heatmap's mean weight in each band of the crop. */
export const attentionSchema = z.object({ brow: z.number(), eyes: z.number(), nose: z.number(), mouth: z.number() });
export type Attention = z.infer<typeof attentionSchema>;

/** What the offscreen document reports for one check. */
export const perceptionSchema = z.object({
  emotion: emotionSchema,
  confidence: z.number().min(0).max(1),
  /** Below the confidence threshold: the popup offers a retry. */
  notSure: z.boolean(),
  probabilities: probabilitiesSchema,
  framesCaptured: z.number().int().nonnegative(),
  framesWithFace: z.number().int().nonnegative(),
  /** Most faces seen in one frame; >1 means the largest was used. */
  maxFaces: z.number().int().nonnegative(),
  frameSize: z.object({ width: z.number(), height: z.number() }),
  backend: backendSchema,
  model: z.string(),
  timings: z.object({
    cameraMs: z.number(),
    perFrameMs: z.number(),
    totalMs: z.number(),
    modelLoadMs: z.number(),
    /** Camera checks, click to result in parts: camera open, brightness settle, waiting for models, reading frames. */
    cameraOpenMs: z.number().optional(),
    settleMs: z.number().optional(),
    modelWaitMs: z.number().optional(),
    readMs: z.number().optional(),
  }),
  /**
   * Personal calibration (src/shared/calibration.ts): whether the user's examples changed this
   * reading, the generic model's own probabilities when they did, and the face's mean
   * penultimate-layer embedding (numbers, never pixels), kept so a correction can become an
   * example. Absent for models without an embedding.
   */
  personalised: z.boolean().optional(),
  generic: probabilitiesSchema.optional(),
  embedding: z.array(z.number().finite()).max(1024).optional(),
  /** Face crop (PNG data URL, in memory only) and Grad-CAM heatmap, when the model provides one. */
  crop: z.string().optional(),
  heatmap: z.string().optional(),
  /** Where the heatmap's weight lies by face band (numbers only, so it may be stored). */
  attention: attentionSchema.optional(),
});
export type Perception = z.infer<typeof perceptionSchema>;
