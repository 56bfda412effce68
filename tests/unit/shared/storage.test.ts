import { describe, expect, it } from 'vitest';
import { readItems, readSettings, writeItems, type StorageArea } from '../../../src/shared/storage';

function memoryArea(initial: Record<string, unknown> = {}): StorageArea & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    async get(keys) {
      return Object.fromEntries((keys ?? Object.keys(data)).filter((k) => k in data).map((k) => [k, data[k]]));
    },
    async set(items) {
      Object.assign(data, items);
    },
    async remove(keys) {
      for (const k of keys) delete data[k];
    },
  };
}

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

  it('resets only the corrupt keys and keeps valid settings', async () => {
    const area = memoryArea({ mode: 'lift', site: 42, periodicMinutes: 999, periodicEnabled: 'yes', framesPerCheck: 7 });
    const settings = await readSettings(area);
    expect(settings).toMatchObject({ mode: 'lift', site: 'youtube-music', periodicMinutes: 10, periodicEnabled: false, framesPerCheck: 7 });
    // Corrupt values are removed so the next reader sees defaults too; valid ones stay.
    expect(area.data).toEqual({ mode: 'lift', framesPerCheck: 7 });
  });

  it('rejects a structurally wrong record', async () => {
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
});
