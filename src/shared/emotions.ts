/** FER2013's class order; every probability vector in the product uses it. */
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type Probabilities = Record<Emotion, number>;

export function isEmotion(value: unknown): value is Emotion {
  return typeof value === 'string' && (EMOTIONS as readonly string[]).includes(value);
}

export function toProbabilities(vector: ArrayLike<number>): Probabilities {
  if (vector.length !== EMOTIONS.length) {
    throw new Error(`expected ${EMOTIONS.length} class scores, got ${vector.length}`);
  }
  const out = {} as Probabilities;
  EMOTIONS.forEach((e, i) => (out[e] = vector[i]));
  return out;
}

export function topEmotion(p: Probabilities): { emotion: Emotion; confidence: number } {
  let best: Emotion = EMOTIONS[0];
  for (const e of EMOTIONS) if (p[e] > p[best]) best = e;
  return { emotion: best, confidence: p[best] };
}
