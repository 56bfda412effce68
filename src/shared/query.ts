import { EMOTIONS, type Emotion } from './emotions';
import type { MoodMapping } from './mood-mapping';
import { number } from './i18n/format';
import { t } from './i18n/t';

/** Per emotion, per term: 1 is neutral, above is liked, below is disliked. */
export type TermWeights = Partial<Record<Emotion, Record<string, number>>>;

export const LIKE_FACTOR = 1.25;
export const DISLIKE_FACTOR = 0.6;
export const MAX_WEIGHT = 3;
export const MIN_WEIGHT = 0.1;
/** Terms weighed below this are left out of the rotation (unless every term is). */
export const DROP_BELOW = 0.5;
/** Terms weighed at or above this come up twice as often. */
export const FAVOUR_FROM = 1.5;

export interface BuiltQuery {
  query: string;
  terms: string[];
}

/**
 * The rotation of lead terms for an emotion. Kept deliberately simple so it can be
 * explained to a user: disliked terms drop out, liked ones come up twice as often.
 */
export function rotation(terms: readonly string[], weights: Record<string, number> = {}): string[] {
  const w = (t: string) => weights[t] ?? 1;
  const kept = terms.filter((t) => w(t) >= DROP_BELOW);
  const pool = kept.length ? kept : [...terms].sort((a, b) => w(b) - w(a)).slice(0, 1);
  return pool.flatMap((t) => (w(t) >= FAVOUR_FROM ? [t, t] : [t]));
}

/** Query for one check; `turn` advances per check of that emotion so playlists vary. */
export function buildQuery(mapping: MoodMapping, emotion: Emotion, turn = 0, weights: TermWeights = {}): BuiltQuery {
  const list = rotation(mapping[emotion], weights[emotion]);
  if (!list.length) return { query: 'music', terms: [] };
  const lead = list[turn % list.length];
  const second = list
    .slice(turn % list.length)
    .concat(list)
    .find((t) => t !== lead);
  const terms = second ? [lead, second] : [lead];
  return { query: `${terms.join(' ')} music`, terms };
}

/** Thumbs up/down on what a query played moves its terms' weights. */
export function applyFeedback(weights: TermWeights, emotion: Emotion, terms: readonly string[], liked: boolean): TermWeights {
  const next: TermWeights = structuredClone(weights);
  const forEmotion = (next[emotion] ??= {});
  for (const t of terms) {
    const w = (forEmotion[t] ?? 1) * (liked ? LIKE_FACTOR : DISLIKE_FACTOR);
    forEmotion[t] = Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, Math.round(w * 1000) / 1000));
  }
  return next;
}

export const MAX_TERMS = 8;
export const MAX_TERM_LENGTH = 40;

/** Checks a mapping from the options page; errors are keyed by emotion (or "_" for the whole). */
export function validateMapping(raw: unknown): { ok: true; mapping: MoodMapping } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, errors: { _: t('mapping_error_object') } };
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) if (!(EMOTIONS as readonly string[]).includes(key)) errors[key] = t('mapping_error_unknown', key);
  const mapping = {} as MoodMapping;
  for (const e of EMOTIONS) {
    const value = input[e];
    if (!Array.isArray(value)) {
      errors[e] = t('mapping_error_empty');
      continue;
    }
    const terms = value.map((term) => (typeof term === 'string' ? term.trim().replace(/\s+/g, ' ') : '')).filter(Boolean);
    if (value.some((term) => typeof term !== 'string')) errors[e] = t('mapping_error_text');
    else if (!terms.length) errors[e] = t('mapping_error_empty');
    else if (terms.length > MAX_TERMS) errors[e] = t('mapping_error_too_many', number(MAX_TERMS));
    else if (terms.some((term) => term.length > MAX_TERM_LENGTH)) errors[e] = t('mapping_error_too_long', number(MAX_TERM_LENGTH));
    else if (new Set(terms.map((term) => term.toLowerCase())).size !== terms.length) errors[e] = t('mapping_error_twice');
    mapping[e] = terms;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, mapping };
}
