import { describe, expect, it } from 'vitest';
import { toProbabilities } from '../../../src/shared/emotions';
import { appendHistory, historyToCsv, type HistoryEntry } from '../../../src/shared/history';

const entry = (at: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at,
  emotion: 'happy',
  confidence: 0.8,
  probabilities: toProbabilities([0, 0, 0, 0.8, 0.1, 0, 0.1]),
  mode: 'match',
  trigger: 'popup',
  query: 'pop dance music',
  terms: ['pop', 'dance'],
  tracks: [{ title: 'Song, with comma', artist: 'A "quoted" band' }],
  site: 'youtube-music',
  feedback: null,
  ...over,
});

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
});
