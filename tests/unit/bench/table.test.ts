import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../bench/args';
import { zipSize } from '../../../bench/size';
import { formatMs, formatPercent } from '../../../bench/stats';
import { behindList, figureCells, renderMarkdown, renderText, type Figure } from '../../../bench/table';

const speed: Figure = { label: 'per frame', better: 'lower', format: formatMs, values: { mooddj: 30, 'face-api': 90, human: 20 } };
const accuracy: Figure = { label: 'accuracy', better: 'higher', format: formatPercent, values: { mooddj: 0.6, 'face-api': null, human: 0.5 } };

describe('figure rows', () => {
  it('shows each engine and MoodDJ over each peer, marking where MoodDJ is behind', () => {
    expect(figureCells(speed)).toEqual(['per frame', '30.0 ms', '90.0 ms', '20.0 ms', '0.33×', '1.50× *']);
    expect(figureCells(accuracy)).toEqual(['accuracy', '60.0%', '—', '50.0%', '—', '1.20×']);
  });

  it('lists only the figures where MoodDJ is behind', () => {
    expect(behindList([speed, accuracy])).toEqual(['per frame vs human (1.50×, lower is better)']);
  });
});

describe('rendering', () => {
  it('aligns text columns: labels left, numbers right', () => {
    const text = renderText(
      ['figure', 'a'],
      [
        ['x', '1'],
        ['longer', '22'],
      ],
    );
    expect(text.split('\n')).toEqual(['figure   a', '------  --', 'x        1', 'longer  22']);
  });

  it('writes Markdown with right-aligned number columns and escaped pipes', () => {
    expect(renderMarkdown(['figure', 'a'], [['x|y', '1']]).split('\n')).toEqual(['| figure | a |', '| --- | ---: |', '| x\\|y | 1 |']);
  });
});

describe('zip size', () => {
  it('adds zip headers and stores a file whose deflate would be larger', () => {
    // 22 end record; per entry 30 + name + data + 46 + name.
    expect(zipSize([])).toBe(22);
    expect(zipSize([{ name: 'a.js', size: 100, deflated: 40 }])).toBe(22 + 30 + 4 + 40 + 46 + 4);
    expect(zipSize([{ name: 'b.wasm', size: 10, deflated: 15 }])).toBe(22 + 30 + 6 + 10 + 46 + 6);
  });
});

describe('bench command line', () => {
  it('has defaults that fit the brief', () => {
    const a = parseArgs([], 'out.json');
    expect(a).toMatchObject({ limit: 700, checks: 200, warmup: 10, perClass: 10, photos: null, json: 'out.json' });
  });

  it('reads options and refuses bad ones', () => {
    expect(parseArgs(['--limit=70', '--photos', 'dir', '--backends', 'wasm'], 'x')).toMatchObject({ limit: 70, photos: 'dir', backends: ['wasm'] });
    expect(parseArgs(['--help'], 'x')).toBe('help');
    expect(() => parseArgs(['--backends', 'cuda'], 'x')).toThrow(UsageError);
    expect(() => parseArgs(['--checks', '5', '--warmup', '5'], 'x')).toThrow(UsageError);
    expect(() => parseArgs(['--nope'], 'x')).toThrow(UsageError);
  });
});
