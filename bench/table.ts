/** Turns benchmark figures into aligned text and Markdown tables; pure, so unit-tested. */
import { formatRatio, isBehind, ratio } from './stats';

export const ENGINES = ['mooddj', 'face-api', 'human'] as const;
export type EngineId = (typeof ENGINES)[number];
export const ENGINE_NAMES: Record<EngineId, string> = { mooddj: 'MoodDJ', 'face-api': 'face-api', human: 'human' };

export interface Figure {
  label: string;
  better: 'lower' | 'higher';
  format: (v: number | null | undefined) => string;
  values: Partial<Record<EngineId, number | null>>;
}

export const HEADER = ['figure', 'MoodDJ', 'face-api', 'human', 'MoodDJ/face-api', 'MoodDJ/human'];

/** Marks a ratio where MoodDJ is worse than that peer. */
export const BEHIND_MARK = ' *';

export function figureCells(f: Figure): string[] {
  const ours = f.values.mooddj ?? null;
  const vs = (peer: EngineId) => {
    const r = ratio(ours, f.values[peer] ?? null);
    return formatRatio(r) + (isBehind(r, f.better) ? BEHIND_MARK : '');
  };
  return [f.label, f.format(ours), f.format(f.values['face-api']), f.format(f.values.human), vs('face-api'), vs('human')];
}

/** Figures where MoodDJ is behind a peer, as "label vs peer (ratio)". */
export function behindList(figures: readonly Figure[]): string[] {
  const out: string[] = [];
  for (const f of figures) {
    for (const peer of ['face-api', 'human'] as const) {
      const r = ratio(f.values.mooddj, f.values[peer]);
      if (isBehind(r, f.better)) out.push(`${f.label} vs ${peer} (${formatRatio(r)}, ${f.better} is better)`);
    }
  }
  return out;
}

export function renderText(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? (c ?? '').padEnd(widths[i]) : (c ?? '').padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderMarkdown(header: readonly string[], rows: readonly string[][]): string {
  const esc = (c: string) => (c ?? '').replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(esc).join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}
