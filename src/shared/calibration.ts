import { z } from 'zod';
import { EMOTIONS, type Emotion, type Probabilities } from './emotions';
import { emotionSchema, probabilitiesSchema } from './perception';
import { salvageItems, type Salvaged } from './salvage';

/**
 * Personal calibration: the user's own labelled faces, kept as numbers only (the model's
 * penultimate-layer embedding and its output), never pixels. A check is compared with the
 * mean embedding of each mood the user has shown ("prototypes"), and that vote is blended
 * with the generic model's probabilities. With no examples the output is exactly the
 * generic model's.
 */

/** Longest embedding we store; the committed net's is 256 wide. */
export const EMBEDDING_MAX = 1024;
/** Newest examples kept per mood; older ones go first. */
export const EXAMPLES_PER_MOOD = 10;
/** All moods together. */
export const EXAMPLES_CAP = EXAMPLES_PER_MOOD * EMOTIONS.length;

export const EXAMPLE_SOURCES = ['calibration', 'correction'] as const;

export const calibrationExampleSchema = z.object({
  emotion: emotionSchema,
  /** Penultimate-layer embedding of the face, rounded (see `roundEmbedding`). */
  embedding: z.array(z.number().finite()).min(1).max(EMBEDDING_MAX),
  /** The generic model's output for the same face. */
  output: probabilitiesSchema,
  at: z.number(),
  source: z.enum(EXAMPLE_SOURCES),
});
export type CalibrationExample = z.infer<typeof calibrationExampleSchema>;

export const calibrationSchema = z
  .array(calibrationExampleSchema)
  .max(EXAMPLES_CAP)
  .refine((list) => list.every((ex) => ex.embedding.length === list[0].embedding.length), 'examples from different models');

/** Four decimals are far below the embedding's noise between frames and halve the stored size. */
export function roundEmbedding(embedding: ArrayLike<number>): number[] {
  return Array.from(embedding, (v) => Math.round(v * 1e4) / 1e4);
}

/** The newest `perMood` examples of each mood, oldest first. */
function newestPerMood(list: readonly CalibrationExample[], perMood: number): CalibrationExample[] {
  const sorted = [...list].sort((a, b) => a.at - b.at);
  const keep = new Set<CalibrationExample>();
  for (const e of EMOTIONS) for (const ex of sorted.filter((x) => x.emotion === e).slice(-perMood)) keep.add(ex);
  return sorted.filter((ex) => keep.has(ex));
}

/**
 * Adds an example, keeping the newest EXAMPLES_PER_MOOD per mood. Examples of another width
 * (a model with another embedding shipped since) can no longer be compared and are dropped.
 */
export function addExample(list: readonly CalibrationExample[], example: CalibrationExample, perMood = EXAMPLES_PER_MOOD): CalibrationExample[] {
  return newestPerMood([...list.filter((ex) => ex.embedding.length === example.embedding.length), example], perMood);
}

/**
 * Stored examples that failed the list's schema: the valid ones of the width most of them share
 * (a single damaged embedding must not outvote the rest; on a tie, the newest example's width,
 * as `addExample` would keep), newest EXAMPLES_PER_MOOD per mood.
 */
export function salvageCalibration(raw: unknown): Salvaged<CalibrationExample[]> | null {
  const items = salvageItems(calibrationExampleSchema, raw, Infinity);
  if (!items) return null;
  const votes = new Map<number, { count: number; newest: number }>();
  for (const ex of items.value) {
    const v = votes.get(ex.embedding.length) ?? { count: 0, newest: -Infinity };
    votes.set(ex.embedding.length, { count: v.count + 1, newest: Math.max(v.newest, ex.at) });
  }
  const [width] = [...votes].sort(([, a], [, b]) => b.count - a.count || b.newest - a.newest)[0] ?? [0];
  const value = newestPerMood(
    items.value.filter((ex) => ex.embedding.length === width),
    EXAMPLES_PER_MOOD,
  );
  return { value, kept: value.length, of: items.of };
}

export function forgetMood(list: readonly CalibrationExample[], emotion: Emotion): CalibrationExample[] {
  return list.filter((ex) => ex.emotion !== emotion);
}

export function countsByMood(list: readonly CalibrationExample[]): Record<Emotion, number> {
  const counts = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>;
  for (const ex of list) counts[ex.emotion]++;
  return counts;
}

export interface Prototype {
  emotion: Emotion;
  /** Unit-length mean of the mood's unit-length embeddings. */
  centre: number[];
  count: number;
}

/** What a check needs from the examples; small enough to send with every check. */
export const prototypesSchema = z
  .array(z.object({ emotion: emotionSchema, centre: z.array(z.number().finite()).min(1).max(EMBEDDING_MAX), count: z.number().int().min(1).max(EXAMPLES_CAP) }))
  .max(EMOTIONS.length);

function unit(v: ArrayLike<number>): number[] {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm);
  return Array.from(v, (x) => (norm > 0 ? x / norm : 0));
}

export function prototypes(list: readonly CalibrationExample[]): Prototype[] {
  const out: Prototype[] = [];
  for (const emotion of EMOTIONS) {
    const mine = list.filter((ex) => ex.emotion === emotion);
    if (!mine.length) continue;
    const sum = new Array<number>(mine[0].embedding.length).fill(0);
    for (const ex of mine) unit(ex.embedding).forEach((v, i) => (sum[i] += v));
    out.push({ emotion, centre: roundEmbedding(unit(sum)), count: mine.length });
  }
  return out;
}

/**
 * The blend's constants. A calibrated mood's probability is multiplied by
 * exp(weight * max(0, similarity - similarAt) / temperature), where similarity is the cosine
 * between the face's embedding and the mood's prototype; then all are renormalised. Only a face
 * close to the user's own examples of a mood lifts it: the embedding carries expression far more
 * than identity (on CK+, medians: same expression, other person 0.83; other expression, same
 * person 0.40), so a looser rule would also lift a mood for a stranger or for another expression.
 * Chosen on the even-numbered CK+ subjects and 1,200 FER2013 dev faces (README, "Personal
 * calibration"). The weight is maxWeight * n / (n + halfAt) for the mood's n examples: 0 with
 * none, growing with each one.
 */
export const BLEND = { temperature: 0.05, similarAt: 0.85, maxWeight: 1, halfAt: 2 };
export type BlendParams = typeof BLEND;

export function blendWeight(examples: number, params: BlendParams = BLEND): number {
  return examples > 0 ? (params.maxWeight * examples) / (examples + params.halfAt) : 0;
}

export interface Personalised {
  probabilities: Probabilities;
  /** False when nothing was changed: no examples, or examples from another model. */
  personalised: boolean;
}

export function personalise(generic: Probabilities, embedding: ArrayLike<number>, protos: readonly Prototype[], params: BlendParams = BLEND): Personalised {
  const usable = protos.filter((p) => p.centre.length === embedding.length);
  if (!usable.length) return { probabilities: generic, personalised: false };
  const e = unit(embedding);
  const logShift = Object.fromEntries(EMOTIONS.map((m) => [m, 0])) as Record<Emotion, number>;
  for (const p of usable) {
    const similarity = p.centre.reduce((s, v, i) => s + v * e[i], 0);
    logShift[p.emotion] = (blendWeight(p.count, params) * Math.max(0, similarity - params.similarAt)) / params.temperature;
  }
  // Shifted by the largest log-factor so exp() cannot overflow; the normalisation undoes it.
  const top = Math.max(...Object.values(logShift));
  const scaled = EMOTIONS.map((m) => generic[m] * Math.exp(logShift[m] - top));
  const total = scaled.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { probabilities: generic, personalised: false };
  const out = {} as Probabilities;
  EMOTIONS.forEach((m, i) => (out[m] = scaled[i] / total));
  return { probabilities: out, personalised: true };
}
