import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLES_CAP } from '../../../src/shared/calibration';
import { CATALOG_FILE_MAX_BYTES, CATALOG_MAX_BYTES, CATALOG_MAX_TRACKS, CatalogError } from '../../../src/shared/catalog';
import { readCatalogFile, type CatalogFile } from '../../../src/shared/catalog-import';
import { EMOTIONS } from '../../../src/shared/emotions';
import { HISTORY_CAP } from '../../../src/shared/history';
import { SET_ASIDE_MAX_BYTES } from '../../../src/shared/set-aside';
import { STORAGE_QUOTA_BYTES, storedBytes } from '../../../src/shared/stored-size';
import { moodsCsv } from '../../samples/catalog-csv';
import { historyEntry } from '../../samples/history';

const SHARED_CSV = resolve(import.meta.dirname, '../../../../shared/catalog/data_moods.csv');

/** A file as the file input hands it over; `read` counts how often its bytes were read. */
function fileOf(name: string, bytes: Uint8Array, size = bytes.length): CatalogFile & { read: ReturnType<typeof vi.fn> } {
  const read = vi.fn(async () => bytes.slice().buffer);
  return { name, size, arrayBuffer: read, read };
}

describe('catalog file import', () => {
  it('refuses a file over the size cap before reading a byte of it', async () => {
    const file = fileOf('huge.csv', new Uint8Array(0), 39_000_000);
    const err = await readCatalogFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogError);
    expect((err as Error).message).toBe('This file is 39.0 MB; a catalog file can be at most 5.0 MB. It was not read.');
    expect(file.read).not.toHaveBeenCalled();
    const overCap = fileOf('big.csv', new Uint8Array(0), CATALOG_FILE_MAX_BYTES + 1);
    await expect(readCatalogFile(overCap)).rejects.toThrow(/^This file is 5\.1 MB; a catalog file can be at most 5\.0 MB/);
    expect(overCap.read).not.toHaveBeenCalled();
  });

  it('reads a file shaped like the moods data set into what would be stored', async () => {
    const file = fileOf('moods.csv', new TextEncoder().encode(moodsCsv(300)));
    const ready = await readCatalogFile(file, 42);
    expect(ready.catalog).toMatchObject({ name: 'moods.csv', importedAt: 42 });
    expect(ready.catalog.tracks).toHaveLength(300);
    expect(ready.format).toBe('spotify-moods');
    expect(ready.skipped).toEqual([]);
  });

  it('refuses tracks that would take more storage than the byte cap, in plain words', async () => {
    const long = (i: number) => `${'Long title '.repeat(25)}${i}`;
    const csv = ['title,artist,mood', ...Array.from({ length: 4_500 }, (_, i) => `${long(i)},${'An artist with a long name '.repeat(10)},Calm`)].join('\n');
    const bytes = new TextEncoder().encode(csv);
    expect(bytes.length).toBeLessThan(CATALOG_FILE_MAX_BYTES);
    const err = (await readCatalogFile(fileOf('long.csv', bytes)).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(CatalogError);
    expect(err.message).toMatch(/^These 4,500 tracks would take \d\.\d MB of the browser's storage; a catalog can take at most 2\.5 MB\./);
  });

  it(`fits ${CATALOG_MAX_TRACKS} moods-shaped tracks under the byte cap`, async () => {
    const bytes = new TextEncoder().encode(moodsCsv(CATALOG_MAX_TRACKS));
    expect(bytes.length).toBeLessThan(CATALOG_FILE_MAX_BYTES);
    const ready = await readCatalogFile(fileOf('many.csv', bytes));
    expect(ready.catalog.tracks).toHaveLength(CATALOG_MAX_TRACKS);
    expect(storedBytes(ready.catalog)).toBeLessThan(CATALOG_MAX_BYTES);
  });

  it.skipIf(!existsSync(SHARED_CSV))('stores the shared moods data set in a small part of the cap', async () => {
    const bytes = readFileSync(SHARED_CSV);
    const ready = await readCatalogFile(fileOf('data_moods.csv', bytes));
    expect(storedBytes(ready.catalog)).toBeLessThan(CATALOG_MAX_BYTES / 10);
    expect(bytes.length).toBeLessThan(CATALOG_FILE_MAX_BYTES / 20);
  });

  it("keeps a full catalog, a full set-aside copy and full lists inside chrome.storage's quota", () => {
    // Full lists shaped as MoodDJ writes them: 500 checks with 5 picks each, a full calibration.
    const history = Array.from({ length: HISTORY_CAP }, (_, i) =>
      historyEntry(i, { tracks: Array.from({ length: 5 }, (_, k) => ({ title: `A track title of some length ${k}`, artist: 'An artist name' })) }),
    );
    const calibration = Array.from({ length: EXAMPLES_CAP }, (_, i) => ({
      emotion: EMOTIONS[i % 7],
      embedding: Array.from({ length: 256 }, (_, k) => Math.round(Math.sin(i + k) * 1e4) / 1e4),
      output: historyEntry(0).probabilities,
      at: i,
      source: 'calibration',
    }));
    const keys = Array.from({ length: 1000 }, (_, i) => `a track title ${i}|an artist`);
    const recent = Array.from({ length: 200 }, (_, i) => ({ key: keys[i], at: 1.7e12 + i }));
    const total = CATALOG_MAX_BYTES + SET_ASIDE_MAX_BYTES + storedBytes([history, calibration, keys, keys, recent, history[0]]);
    expect(total).toBeLessThan(STORAGE_QUOTA_BYTES * 0.8);
  });
});
