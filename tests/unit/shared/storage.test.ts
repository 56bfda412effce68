import { afterEach, describe, expect, it, vi } from 'vitest';
import { readItems, readSettings, StorageWriteError, writeItems } from '../../../src/shared/storage';
import { historyEntry } from '../../samples/history';
import { memoryArea } from './memory-area';

afterEach(() => vi.restoreAllMocks());

/** Silences and records the console warning a repair writes. */
const warnings = () => vi.spyOn(console, 'warn').mockImplementation(() => undefined);

describe('typed storage', () => {
  it('gives defaults for missing keys', async () => {
    expect(await readSettings(memoryArea())).toEqual({
      mode: 'match',
      site: 'youtube-music',
      periodicEnabled: false,
      periodicMinutes: 10,
      framesPerCheck: 5,
      hysteresisChecks: 2,
      catalogPicks: 5,
    });
  });

  it('resets only the corrupt keys, keeps valid settings and sets the corrupt values aside', async () => {
    const warn = warnings();
    const area = memoryArea({ mode: 'lift', site: 42, periodicMinutes: 999, periodicEnabled: 'yes', framesPerCheck: 7 });
    const settings = await readSettings(area);
    expect(settings).toMatchObject({ mode: 'lift', site: 'youtube-music', periodicMinutes: 10, periodicEnabled: false, framesPerCheck: 7 });
    // Corrupt values are removed so the next reader sees defaults too; valid ones stay; nothing is lost.
    const { setAside, ...rest } = area.data;
    expect(rest).toEqual({ mode: 'lift', framesPerCheck: 7 });
    expect(setAside).toEqual([
      { key: 'site', at: expect.any(Number), raw: 42, truncated: false, kept: 0, of: 0 },
      { key: 'periodicEnabled', at: expect.any(Number), raw: 'yes', truncated: false, kept: 0, of: 0 },
      { key: 'periodicMinutes', at: expect.any(Number), raw: 999, truncated: false, kept: 0, of: 0 },
    ]);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0][0])).toMatch(/site \(reset to its default\).*kept aside under "setAside"/);
  });

  it('rejects a structurally wrong record', async () => {
    warnings();
    const area = memoryArea({ lastCheck: { at: 'yesterday', perception: { emotion: 'smug' } } });
    expect((await readItems(['lastCheck'], area)).lastCheck).toBeNull();
  });

  it('refuses to write invalid values or unknown keys, writing nothing', async () => {
    const area = memoryArea();
    await expect(writeItems({ mode: 'loud' as never, site: 'spotify' }, area)).rejects.toThrow(/mode/);
    await expect(writeItems({ bogus: 1 } as never, area)).rejects.toThrow(/unknown storage key/);
    expect(area.data).toEqual({});
    await writeItems({ site: 'spotify', periodicMinutes: 3 }, area);
    expect(area.data).toEqual({ site: 'spotify', periodicMinutes: 3 });
  });

  it("tells a full storage area apart from other write failures (Chrome's kQuotaBytes)", async () => {
    const area = memoryArea();
    area.failSet = new Error('Resource::kQuotaBytes quota exceeded');
    const quota = await writeItems({ mode: 'lift' }, area).catch((e: unknown) => e);
    expect(quota).toBeInstanceOf(StorageWriteError);
    expect((quota as StorageWriteError).reason).toBe('quota');
    area.failSet = new Error('IO error');
    expect(((await writeItems({ mode: 'lift' }, area).catch((e: unknown) => e)) as StorageWriteError).reason).toBe('failed');
    expect(((await writeItems({ mode: 'x' as never }, area).catch((e: unknown) => e)) as StorageWriteError).reason).toBe('invalid');
  });
});

describe('a stored list with bad items', () => {
  const good = Array.from({ length: 499 }, (_, i) => historyEntry(1_000 + i));

  it('keeps the 499 good history entries of 500, in order, and sets the stored list aside whole', async () => {
    const warn = warnings();
    const stored = [...good.slice(0, 200), { ...historyEntry(5), emotion: 'smug' }, ...good.slice(200)];
    const area = memoryArea({ history: stored });
    const { history } = await readItems(['history'], area);
    expect(history).toEqual(good);
    expect(area.data.history).toEqual(good);
    expect(area.data.setAside).toEqual([{ key: 'history', at: expect.any(Number), raw: stored, truncated: false, kept: 499, of: 500 }]);
    expect(String(warn.mock.calls[0][0])).toContain('history (kept 499 of 500 items)');
    // Repaired once: the next read finds a valid list and writes nothing.
    const set = vi.spyOn(area, 'set');
    expect((await readItems(['history'], area)).history).toHaveLength(499);
    expect(set).not.toHaveBeenCalled();
  });

  it('salvages liked, disliked and recent tracks item by item', async () => {
    warnings();
    const area = memoryArea({
      likedTracks: ['a|x', 7, 'b|y'],
      dislikedTracks: [null, 'c|z'],
      recentTracks: [{ key: 'a|x', at: 1 }, { key: 'b|y' }, { key: 'c|z', at: 3 }],
    });
    expect(await readItems(['likedTracks', 'dislikedTracks', 'recentTracks'], area)).toEqual({
      likedTracks: ['a|x', 'b|y'],
      dislikedTracks: ['c|z'],
      recentTracks: [
        { key: 'a|x', at: 1 },
        { key: 'c|z', at: 3 },
      ],
    });
    expect((area.data.setAside as { key: string }[]).map((e) => e.key)).toEqual(['likedTracks', 'dislikedTracks', 'recentTracks']);
  });

  it('keeps the newest items when a list is over its cap', async () => {
    warnings();
    const area = memoryArea({ recentTracks: Array.from({ length: 250 }, (_, i) => ({ key: `t${i}`, at: i })) });
    const { recentTracks } = await readItems(['recentTracks'], area);
    expect(recentTracks).toHaveLength(200);
    expect(recentTracks[0].at).toBe(50);
    expect(recentTracks.at(-1)!.at).toBe(249);
  });

  it('keeps a catalog under its name with its valid tracks', async () => {
    warnings();
    const tracks = Array.from({ length: 300 }, (_, i) => ({ title: `Song ${i}`, artist: 'Band', mood: 'Calm' }));
    const stored = { name: 'moods.csv', importedAt: 123, tracks: [...tracks.slice(0, 100), { title: '', artist: 'Band', mood: 'Calm' }, ...tracks.slice(100)] };
    const area = memoryArea({ catalog: stored });
    expect((await readItems(['catalog'], area)).catalog).toEqual({ name: 'moods.csv', importedAt: 123, tracks });
    expect(area.data.setAside).toEqual([expect.objectContaining({ key: 'catalog', raw: stored, kept: 300, of: 301 })]);
  });

  it('resets a value that is not a list at all, and a catalog with no valid track, still setting them aside', async () => {
    warnings();
    const area = memoryArea({ history: { 0: historyEntry(1) }, catalog: { name: 'x', importedAt: 1, tracks: [{ title: 'no mood', artist: 'a' }] } });
    expect(await readItems(['history', 'catalog'], area)).toEqual({ history: [], catalog: null });
    expect(area.data).not.toHaveProperty('history');
    expect(area.data.catalog).toBeNull();
    expect((area.data.setAside as { key: string; raw: unknown }[]).map((e) => e.key)).toEqual(['history', 'catalog']);
  });

  it('leaves the stored value in place when it cannot be set aside (storage full)', async () => {
    const warn = warnings();
    const stored = [...good.slice(0, 3), { at: 'never' }];
    const area = memoryArea({ history: stored, mode: 'loud' });
    area.failSet = new Error('Resource::kQuotaBytes quota exceeded');
    const read = await readItems(['history', 'mode'], area);
    expect(read).toEqual({ history: good.slice(0, 3), mode: 'match' });
    expect(area.data).toEqual({ history: stored, mode: 'loud' });
    expect(String(warn.mock.calls[0][0])).toMatch(/could not be set aside and were left as stored/);
  });

  it('repairs a corrupt set-aside list without setting it aside into itself', async () => {
    warnings();
    const area = memoryArea({ setAside: 'garbage', history: [historyEntry(1), 5] });
    await readItems(['setAside', 'history'], area);
    expect(area.data.setAside).toEqual([expect.objectContaining({ key: 'history', kept: 1, of: 2 })]);
  });
});
