import type { Emotion } from '../shared/emotions';
import type { Mode } from '../shared/storage-schema';

export type MoodMapping = Record<Emotion, string[]>;

/** "Match my mood": the genres the seed report pairs with each emotion. */
export const MATCH_MAPPING: MoodMapping = {
  happy: ['pop', 'dance', 'upbeat'],
  sad: ['soft', 'classical', 'blues'],
  angry: ['rock', 'metal'],
  fear: ['ambient', 'instrumental', 'chill'],
  surprise: ['electronic', 'jazz'],
  neutral: ['acoustic', 'lo-fi', 'indie'],
  // Disgust is rare and close to anger in FER2013; heavy, cathartic music fits it.
  disgust: ['grunge', 'punk', 'alternative rock'],
};

/** "Lift my mood": music chosen to move the listener toward a calmer or happier state. */
export const LIFT_MAPPING: MoodMapping = {
  happy: ['happy pop', 'feel-good'],
  sad: ['uplifting', 'feel-good', 'upbeat'],
  angry: ['calm', 'ambient', 'classical'],
  fear: ['calm', 'ambient', 'classical'],
  disgust: ['feel-good', 'sunny'],
  neutral: ['energetic', 'upbeat'],
  surprise: ['energetic', 'dance'],
};

export function defaultMapping(mode: Mode): MoodMapping {
  return mode === 'match' ? MATCH_MAPPING : LIFT_MAPPING;
}

/**
 * A search query from an emotion's terms. `turn` rotates the lead term so repeated
 * checks of the same mood do not replay the same playlist.
 */
export function buildQuery(mapping: MoodMapping, emotion: Emotion, turn = 0): string {
  const terms = mapping[emotion];
  if (!terms.length) return 'music';
  const lead = terms[turn % terms.length];
  const second = terms.length > 1 ? terms[(turn + 1) % terms.length] : null;
  return [lead, second, 'music'].filter(Boolean).join(' ');
}
