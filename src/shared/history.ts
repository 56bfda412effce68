import { z } from 'zod';
import { EMOTIONS } from './emotions';
import { modeSchema } from './mood-mapping';
import { emotionSchema, probabilitiesSchema } from './perception';
import { MAX_TERM_LENGTH, MAX_TERMS } from './query';
import { siteSchema } from './sites';
import { triggerSchema } from './trigger';

export const HISTORY_CAP = 500;

export const historyEntrySchema = z.object({
  at: z.number(),
  emotion: emotionSchema,
  confidence: z.number().min(0).max(1),
  probabilities: probabilitiesSchema,
  mode: modeSchema,
  trigger: triggerSchema,
  query: z.string().max(500).nullable(),
  /** Mapping terms the query was built from, so feedback can re-weigh them. */
  terms: z.array(z.string().max(MAX_TERM_LENGTH)).max(MAX_TERMS),
  tracks: z.array(z.object({ title: z.string().max(300), artist: z.string().max(300) })).max(20),
  site: siteSchema,
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
