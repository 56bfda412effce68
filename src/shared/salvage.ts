import type { z } from 'zod';

/** What could be kept of a stored value that failed its schema. */
export interface Salvaged<T> {
  value: T;
  /** Items kept, out of how many were stored. */
  kept: number;
  of: number;
}

/**
 * The items of a stored list that still pass their schema, at most the newest `max` (every
 * list MoodDJ keeps is newest last). One bad item then costs only itself, not the other 499.
 * Null when the value is not a list at all: nothing in it can be trusted item by item.
 */
export function salvageItems<T>(item: z.ZodType<T>, raw: unknown, max: number): Salvaged<T[]> | null {
  if (!Array.isArray(raw)) return null;
  const good: T[] = [];
  for (const x of raw) {
    const parsed = item.safeParse(x);
    if (parsed.success) good.push(parsed.data);
  }
  const value = good.slice(-max);
  return { value, kept: value.length, of: raw.length };
}
