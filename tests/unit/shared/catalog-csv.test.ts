import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CATALOG_MAX_TRACKS, CatalogError } from '../../../src/shared/catalog';
import { parseCatalog } from '../../../src/shared/catalog-csv';
import { lineOf, moodsCsv, moodsRow, MOODS_HEADER } from '../../samples/catalog-csv';

/** Replaces row `i`'s name (its first cell) with `cell`, as a hand edit would. */
function withName(csv: string, i: number, cell: string): string {
  const row = moodsRow(i);
  const rest = row.startsWith('"') ? row.slice(row.indexOf('",') + 1) : row.slice(row.indexOf(','));
  return csv.replace(row, cell + rest);
}

describe('catalog CSV: quotes', () => {
  it('an unclosed quote refuses the whole file and names its line, instead of importing the rows before it', () => {
    // The file: 300 rows, no other quotes, so papaparse swallows the rest into one field.
    const rows = Array.from({ length: 300 }, (_, i) => `Song ${i},Band ${i % 7},Calm`);
    rows[2] = '"Broken quote,Band,Happy';
    const csv = ['title,artist,mood', ...rows].join('\n') + '\n';
    expect(Papa.parse(csv).data.length).toBeLessThan(10);
    const line = lineOf(csv, 'Broken quote');
    expect(() => parseCatalog(csv)).toThrow(CatalogError);
    expect(() => parseCatalog(csv)).toThrow(new RegExp(`^Line ${line} opens a quoted field .* never closed.*Nothing was imported`));
  });

  it('an unclosed quote that a later quote closes refuses the file too, with the lines it joined', () => {
    // Shaped like the moods file, whose quoted names let papaparse resume a few lines on.
    const csv = withName(moodsCsv(300), 2, '"Broken quote');
    expect(Papa.parse(csv).data.length).toBeGreaterThan(290);
    const first = lineOf(csv, 'Broken quote');
    const last = lineOf(csv, moodsRow(5).slice(0, 12));
    expect(() => parseCatalog(csv)).toThrow(
      new RegExp(`^A quote on line ${first} does not close where its field ends, so lines ${first}-${last} were read as one row`),
    );
  });

  it('a misplaced quote within one line skips that row only, by its line', () => {
    const csv = withName(moodsCsv(50), 10, '"Live" at "Leeds"');
    const r = parseCatalog(csv);
    expect(r.tracks).toHaveLength(49);
    expect(r.skipped).toEqual([{ line: lineOf(csv, 'Live" at'), reason: expect.stringMatching(/^a misplaced quote/) }]);
  });
});

describe('catalog CSV: line numbers', () => {
  it('count blank lines, whitespace-only lines, CRLF line ends and quoted line breaks as an editor does', () => {
    const rows = [
      'title,artist,mood',
      '',
      'First,Band,Happy',
      '   ',
      '"Two',
      'lines",Band,Calm',
      'BAD1,Band,Grumpy',
      '',
      '',
      ',,',
      'BAD2,,Sad',
      '"Three',
      '',
      'lines",Band,Sad',
      'BAD3,Band,Happy,extra',
    ];
    for (const eol of ['\n', '\r\n', '\r']) {
      const csv = rows.join(eol) + eol;
      const r = parseCatalog(csv);
      expect(r.tracks.map((t) => t.title)).toEqual(['First', `Two${eol}lines`, `Three${eol}${eol}lines`]);
      expect(r.skipped).toEqual([
        { line: lineOf(csv, 'BAD1'), reason: expect.stringContaining('unknown mood "Grumpy"') },
        { line: lineOf(csv, 'BAD2'), reason: 'empty title or artist' },
        { line: lineOf(csv, 'BAD3'), reason: 'expected 3 fields, found 4' },
      ]);
    }
  });

  it('leading blank lines before the header move every line number', () => {
    const csv = `\n\n${MOODS_HEADER}\n${moodsRow(0)}\n${moodsRow(1).replace(/,Sad$/, ',Blue')}\n`;
    expect(parseCatalog(csv).skipped).toEqual([{ line: 5, reason: expect.stringContaining('unknown mood "Blue"') }]);
    expect(lineOf(csv, ',Blue')).toBe(5);
  });
});

describe('catalog CSV: limits and wording', () => {
  it(`refuses a file with more than ${CATALOG_MAX_TRACKS} tracks instead of keeping part of it`, () => {
    const csv = ['title,artist,mood', ...Array.from({ length: CATALOG_MAX_TRACKS + 1 }, (_, i) => `Song ${i},Band,Calm`)].join('\n');
    expect(() => parseCatalog(csv)).toThrow(/more than 10,000 tracks.*Nothing was imported/);
    const atCap = ['title,artist,mood', ...Array.from({ length: CATALOG_MAX_TRACKS }, (_, i) => `Song ${i},Band,Calm`)].join('\n');
    expect(parseCatalog(atCap).tracks).toHaveLength(CATALOG_MAX_TRACKS);
  });

  it('gives reasons in plain words, never the schema library wording', () => {
    const long = 'x'.repeat(301);
    const r = parseCatalog(`title,artist,mood\n${long},Band,Happy\nOk,${long},Sad\nFine,Band,Calm\n`);
    expect(r.skipped.map((s) => s.reason)).toEqual(['title longer than 300 characters', 'artist longer than 300 characters']);
    for (const s of r.skipped) expect(s.reason).not.toMatch(/too big|expected (string|array)|<=/i);
  });

  it('names the columns it found, shortened, when the needed ones are missing', () => {
    const header = Array.from({ length: 20 }, (_, i) => `column ${i} ${'y'.repeat(40)}`).join(',');
    let message = '';
    try {
      parseCatalog(`${header}\n${'1,'.repeat(19)}1\n`);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Missing columns: the file needs name \(or title\), artist and mood\. Found: column 0 y+…, .*and 8 more\.$/);
    expect(message.length).toBeLessThan(600);
  });

  it('explains an empty file and a header without rows', () => {
    expect(() => parseCatalog('')).toThrow(/The file is empty/);
    expect(() => parseCatalog('\n  \n')).toThrow(/The file is empty/);
    expect(() => parseCatalog('title,artist,mood\n\n')).toThrow(/no data rows/);
  });
});
