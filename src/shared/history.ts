import { z } from 'zod';
import { EMOTIONS } from './emotions';
import { emotionSchema, probabilitiesSchema } from './perception';

export const HISTORY_CAP = 500;

export const historyEntrySchema = z.object({
  at: z.number(),
  emotion: emotionSchema,
  confidence: z.number().min(0).max(1),
  probabilities: probabilitiesSchema,
  mode: z.enum(['match', 'lift']),
  trigger: z.enum(['popup', 'shortcut', 'alarm']),
  query: z.string().max(500).nullable(),
  /** Mapping terms the query was built from, so feedback can re-weigh them. */
  terms: z.array(z.string().max(40)).max(8),
  tracks: z.array(z.object({ title: z.string().max(300), artist: z.string().max(300) })).max(20),
  site: z.enum(['youtube-music', 'spotify']),
  /** What the user said about it: thumbs, or the emotion they say was right. */
  feedback: z.union([z.literal('up'), z.literal('down'), z.object({ override: emotionSchema })]).nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Newest last; the oldest entries go first when the cap is reached. */
export function appendHistory(list: readonly HistoryEntry[], entry: HistoryEntry, cap = HISTORY_CAP): HistoryEntry[] {
  const next = [...list, entry];
  return next.length > cap ? next.slice(next.length - cap) : next;
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function historyToCsv(list: readonly HistoryEntry[]): string {
  const header = ['time', 'emotion', 'confidence', ...EMOTIONS.map((e) => `p_${e}`), 'mode', 'trigger', 'site', 'query', 'tracks', 'feedback'];
  const rows = list.map((h) => [
    new Date(h.at).toISOString(),
    h.emotion,
    h.confidence.toFixed(3),
    ...EMOTIONS.map((e) => h.probabilities[e].toFixed(3)),
    h.mode,
    h.trigger,
    h.site,
    h.query,
    h.tracks.map((t) => `${t.title} - ${t.artist}`).join('; '),
    h.feedback === null ? '' : typeof h.feedback === 'string' ? h.feedback : `override:${h.feedback.override}`,
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/**
 * The user's corrections as labelled examples: a thumbs-up or no complaint keeps the
 * reading, an override marks it wrong. Used to move the "not sure" threshold.
 */
export function thresholdFromFeedback(list: readonly HistoryEntry[], base: number, opts = { minExamples: 10, targetAccuracy: 0.7 }): number {
  // Thumbs rate the music, not the reading, so only an override says the reading was wrong.
  const labelled = list.filter((h) => h.feedback !== null).map((h) => ({ c: h.confidence, ok: typeof h.feedback === 'string' || h.feedback!.override === h.emotion }));
  if (labelled.length < opts.minExamples) return base;
  for (let t = 0.3; t <= 0.8 + 1e-9; t += 0.05) {
    const kept = labelled.filter((l) => l.c >= t);
    if (kept.length && kept.filter((l) => l.ok).length / kept.length >= opts.targetAccuracy) return Math.round(Math.max(t, 0.3) * 100) / 100;
  }
  return 0.8;
}
