import { EMOTIONS, type Emotion } from '../shared/emotions';
import { FACE_REGIONS, type Attention, type Perception } from '../shared/perception';

/** How sure, in words a listener uses; the percent always follows. */
export function sureWords(confidence: number, notSure: boolean): string {
  if (notSure) return 'not sure';
  if (confidence >= 0.9) return 'very sure';
  if (confidence >= 0.7) return 'fairly sure';
  return 'somewhat sure';
}

export const percent = (p: number) => `${Math.round(p * 100)}%`;

/**
 * Each mood's one name on every screen (the popup's tabs, its not-sure choices, the options
 * page): adjectives, so "Fearful · fairly sure", "your fearful mood" and "a fearful face" all
 * read right ("afraid" cannot stand before a noun). Lower-cased inside a sentence, never
 * replaced by another word for the same mood.
 */
export const EMOTION_NAMES: Record<Emotion, string> = {
  angry: 'Angry',
  disgust: 'Disgusted',
  fear: 'Fearful',
  happy: 'Happy',
  sad: 'Sad',
  surprise: 'Surprised',
  neutral: 'Neutral',
};

/** "Happy · fairly sure, 82%" */
export function resultWords(p: Pick<Perception, 'emotion' | 'confidence' | 'notSure'>): string {
  return `${EMOTION_NAMES[p.emotion]} · ${sureWords(p.confidence, p.notSure)}, ${percent(p.confidence)}`;
}

/** Emotions from likeliest down. */
export function ranked(probabilities: Perception['probabilities']): Emotion[] {
  return [...EMOTIONS].sort((a, b) => probabilities[b] - probabilities[a]);
}

const REGION_WORDS = { brow: 'your brow', eyes: 'your eyes', nose: 'your nose', mouth: 'your mouth' } as const;

/**
 * The heatmap in one line. One band holding at least 40% of the weight (four bands, so
 * an even spread would give each 25%) is "mostly"; otherwise the two strongest share it.
 */
export function attentionWords(attention: Attention): string {
  const order = [...FACE_REGIONS].sort((a, b) => attention[b] - attention[a]);
  if (attention[order[0]] >= 0.4) return `Looked mostly at ${REGION_WORDS[order[0]]}`;
  return `Looked at ${REGION_WORDS[order[0]]} and ${REGION_WORDS[order[1]].replace('your ', '')}`;
}
