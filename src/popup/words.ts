import { EMOTIONS, type Emotion } from '../shared/emotions';
import { percent } from '../shared/i18n/format';
import { t } from '../shared/i18n/t';
import { FACE_REGIONS, type Attention, type Perception } from '../shared/perception';

/** How sure, in words a listener uses; the percent always follows. */
export function sureWords(confidence: number, notSure: boolean): string {
  if (notSure) return t('sure_not');
  if (confidence >= 0.9) return t('sure_very');
  if (confidence >= 0.7) return t('sure_fairly');
  return t('sure_somewhat');
}

/**
 * Each mood's one name on every screen (the popup's tabs, its not-sure choices, the options
 * page): adjectives, so "Fearful · fairly sure" and "a fearful face" read right ("afraid"
 * cannot stand before a noun). Never replaced by another word for the same mood.
 */
export function emotionName(e: Emotion): string {
  return t(`emotion_${e}`);
}

/**
 * The same mood inside "your ___ mood": lower-case in English, declined where a language
 * declines adjectives (German "deine fröhliche Stimmung"), so it is its own message.
 */
export function emotionInSentence(e: Emotion): string {
  return t(`emotion_${e}_attributive`);
}

/** "Happy · fairly sure, 82%" */
export function resultWords(p: Pick<Perception, 'emotion' | 'confidence' | 'notSure'>): string {
  return t('result_words', emotionName(p.emotion), sureWords(p.confidence, p.notSure), percent(p.confidence));
}

/** Emotions from likeliest down. */
export function ranked(probabilities: Perception['probabilities']): Emotion[] {
  return [...EMOTIONS].sort((a, b) => probabilities[b] - probabilities[a]);
}

/**
 * The heatmap in one line. One band holding at least 40% of the weight (four bands, so
 * an even spread would give each 25%) is "mostly"; otherwise the two strongest share it.
 */
export function attentionWords(attention: Attention): string {
  const order = [...FACE_REGIONS].sort((a, b) => attention[b] - attention[a]);
  if (attention[order[0]] >= 0.4) return t('attention_mostly', t(`region_${order[0]}`));
  return t('attention_two', t(`region_${order[0]}`), t(`region_${order[1]}_second`));
}
