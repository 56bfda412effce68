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

/**
 * Text a spreadsheet would run as a formula when the file is opened (OWASP's CSV injection and
 * ASVS 1.2.10): a cell starting with = + - @, or with a tab, line break or NUL, which some
 * spreadsheets skip before reading a formula. Track names come from the music site's page, and
 * a hostile page could name a track "=HYPERLINK(…)".
 */
const FORMULA_START = /^[=+\-@\t\r\n\0]/;
/** A plain number is read as a number, never as a formula, so "-3" stays summable. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One CSV cell: formula starts neutralised by a leading apostrophe, then quoted as RFC 4180 asks. */
export function csvCell(v: string | null): string {
  const s = v ?? '';
  const safe = FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

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
