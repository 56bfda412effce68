import { describe, expect, it } from 'vitest';
import { mergeSetAside, SET_ASIDE_MAX_BYTES, setAsideEntry, setAsideSchema } from '../../../src/shared/set-aside';
import { storedBytes } from '../../../src/shared/stored-size';

describe('set-aside values', () => {
  it('keeps a value whole under the cap and the start of its JSON above it', () => {
    const small = { tracks: ['a', 'b'] };
    expect(setAsideEntry('catalog', small, 2, 3, 9)).toEqual({ key: 'catalog', at: 9, raw: small, truncated: false, kept: 2, of: 3 });
    // Quotes double in size once the JSON text is itself stored as a string: the cut allows for it.
    const huge = Array.from({ length: 400_000 }, (_, i) => `"q${i}"`);
    const entry = setAsideEntry('likedTracks', huge, 0, 0);
    expect(entry.truncated).toBe(true);
    expect(typeof entry.raw).toBe('string');
    expect(JSON.stringify(huge).startsWith(entry.raw as string)).toBe(true);
    expect(storedBytes(entry)).toBeLessThanOrEqual(SET_ASIDE_MAX_BYTES);
    expect(setAsideSchema.safeParse([entry]).success).toBe(true);
  });

  it('cuts multi-byte text on a character boundary', () => {
    const entry = setAsideEntry('catalog', '東京'.repeat(1_200_000), 0, 0);
    expect(entry.truncated).toBe(true);
    expect(entry.raw as string).not.toMatch(/\uFFFD/);
    expect(storedBytes(entry)).toBeLessThanOrEqual(SET_ASIDE_MAX_BYTES);
  });

  it('keeps one entry per key, the newest, and drops the oldest past the cap', () => {
    const big = (key: string, at: number) => setAsideEntry(key, 'x'.repeat(1_200_000), 0, 0, at);
    let list = mergeSetAside([], [big('history', 1)]);
    list = mergeSetAside(list, [setAsideEntry('history', [1], 1, 2, 2)]);
    expect(list.map((e) => [e.key, e.at])).toEqual([['history', 2]]);
    list = mergeSetAside(list, [big('catalog', 3), big('calibration', 4)]);
    list = mergeSetAside(list, [big('likedTracks', 5)]);
    expect(list.map((e) => e.key)).toEqual(['calibration', 'likedTracks']);
    expect(storedBytes(list)).toBeLessThanOrEqual(SET_ASIDE_MAX_BYTES);
    expect(setAsideSchema.safeParse(list).success).toBe(true);
  });
});
