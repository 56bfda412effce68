import { z } from 'zod';
import type { Emotion } from './emotions';
import type { CatalogMood } from './catalog';

/** Match the listener's mood, or lift it. */
export const modeSchema = z.enum(['match', 'lift']);
export type Mode = z.infer<typeof modeSchema>;

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

/** Which catalog mood (Happy, Sad, Energetic, Calm) serves an emotion in each mode. */
export const CATALOG_MOOD: Record<Mode, Record<Emotion, CatalogMood>> = {
  match: { happy: 'Happy', sad: 'Sad', angry: 'Energetic', fear: 'Calm', surprise: 'Energetic', neutral: 'Calm', disgust: 'Energetic' },
  lift: { happy: 'Happy', sad: 'Happy', angry: 'Calm', fear: 'Calm', surprise: 'Energetic', neutral: 'Energetic', disgust: 'Happy' },
};
