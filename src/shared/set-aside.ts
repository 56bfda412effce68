import { z } from 'zod';
import { cutToBytes, storedBytes, utf8Bytes } from './stored-size';

/**
 * A stored value that failed its schema is never simply deleted: what can be kept is kept
 * (src/shared/salvage.ts) and the value as it was stored goes here, under one key, so a bug or
 * a half-written value costs no data that a later fix could still read back.
 */

/**
 * All set-aside values together, in bytes as chrome.storage counts them: room for a whole
 * stored catalog (CATALOG_MAX_BYTES) beside everything else within the 10 MiB quota.
 */
export const SET_ASIDE_MAX_BYTES = 3_000_000;

// An entry's fields besides the value take well under this.
const ENTRY_OVERHEAD = 1024;

export const setAsideEntrySchema = z.object({
  /** The storage key the value was read from. */
  key: z.string().max(64),
  /** When it was set aside (ms since the epoch). */
  at: z.number(),
  /** The value exactly as stored; when it was over the size cap, the start of its JSON text (and `truncated`). */
  raw: z.unknown(),
  truncated: z.boolean(),
  /** List items kept out of how many were stored; both 0 when the whole value was reset. */
  kept: z.number().int().nonnegative(),
  of: z.number().int().nonnegative(),
});
export type SetAsideEntry = z.infer<typeof setAsideEntrySchema>;

export const setAsideSchema = z
  .array(setAsideEntrySchema)
  .max(64)
  .refine((list) => storedBytes(list) <= SET_ASIDE_MAX_BYTES, 'set-aside values over the size cap');

export function setAsideEntry(key: string, raw: unknown, kept: number, of: number, at = Date.now()): SetAsideEntry {
  const limit = SET_ASIDE_MAX_BYTES - ENTRY_OVERHEAD;
  if (storedBytes(raw) <= limit) return { key, at, raw, truncated: false, kept, of };
  // Stored as a string, the JSON text grows by its escapes: cut until the string fits too.
  const json = JSON.stringify(raw);
  let cut = cutToBytes(json, limit);
  // Each pass keeps the share of the text that fits, a little less: a few passes at most.
  for (let size = storedBytes(cut); size > limit; size = storedBytes(cut)) {
    cut = cutToBytes(cut, Math.floor((utf8Bytes(cut) * limit * 0.98) / size));
  }
  return { key, at, raw: cut, truncated: true, kept, of };
}

/**
 * Adds fresh entries: one per key (a key's newer entry replaces its older one), and the oldest
 * entries go first when the total would pass the size cap.
 */
export function mergeSetAside(existing: readonly SetAsideEntry[], fresh: readonly SetAsideEntry[]): SetAsideEntry[] {
  const keys = new Set(fresh.map((e) => e.key));
  const next = [...existing.filter((e) => !keys.has(e.key)), ...fresh];
  while (next.length > 1 && storedBytes(next) > SET_ASIDE_MAX_BYTES) next.shift();
  return next;
}
