/** Turns bench results into the stdout report and bench/README.md's table. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchBackend } from './page/protocol';
import type { BenchResults, CheckBreakdown, EngineRun, RunFigures, Tally } from './results';
import { formatBytes, formatCount, formatMs, formatPercent, median } from './stats';
import { behindList, ENGINES, figureCells, HEADER, renderMarkdown, renderText, type EngineId, type Figure } from './table';

type Runs = Partial<Record<EngineId, RunFigures>>;
const pick = (runs: Runs, f: (r: RunFigures) => number | null) =>
  Object.fromEntries(ENGINES.map((e) => [e, runs[e] ? f(runs[e]) : null])) as Record<EngineId, number | null>;
const ms = (label: string, runs: Runs, f: (r: RunFigures) => number | null): Figure => ({ label, better: 'lower', format: formatMs, values: pick(runs, f) });
const found = (t: Tally) => t.n - t.notFound;
const sizesOf = (r: BenchResults, k: 'bytes' | 'zipped') => Object.fromEntries(ENGINES.map((e) => [e, r.sizes[e][k]]));

/** The figures every run has, bench page or extension alike. */
function runFigures(runs: Runs, what: { frame: string; check: string; memory: string }): Figure[] {
  const counts = [...new Set(ENGINES.filter((e) => runs[e]).map((e) => runs[e]!.runs))];
  const ours = runs.mooddj?.runs;
  const checks = counts.length === 1 ? String(counts[0]) : `${ours ?? '?'} (MoodDJ) / ${counts.filter((c) => c !== ours).join('/')} (peers)`;
  return [
    ms(`per-frame detect+classify, median (${what.frame})`, runs, (r) => r.perFrame.median),
    ms('per-frame detect+classify, p90', runs, (r) => r.perFrame.p90),
    ms('model load, cold', runs, (r) => r.coldLoadMs),
    ms(`Detect click→result, cold (${what.check})`, runs, (r) => r.coldCheckMs),
    ms('Detect click→result, warm (median)', runs, (r) => (r.warmCheckMs.length ? median(r.warmCheckMs) : null)),
    { label: `JS heap after ${checks} checks, after GC (${what.memory})`, better: 'lower', format: formatBytes, values: pick(runs, (r) => r.heap.usedBytes) },
    { label: `ArrayBuffers (wasm memory, pixels) after ${checks}`, better: 'lower', format: formatBytes, values: pick(runs, (r) => r.heap.buffersBytes) },
    { label: `tensors after ${checks} checks`, better: 'lower', format: formatCount, values: pick(runs, (r) => r.tensors.after) },
    { label: 'tensor growth after warm-up', better: 'lower', format: formatCount, values: pick(runs, (r) => r.tensors.after - r.tensors.afterWarmup) },
    { label: 'frames with a face found', better: 'higher', format: formatPercent, values: pick(runs, (r) => found(r.frames) / r.frames.n) },
    { label: 'frames read right (no face = wrong)', better: 'higher', format: formatPercent, values: pick(runs, (r) => r.frames.correct / r.frames.n) },
  ];
}

export interface ReportSection {
  /** Short name for the "behind" list. */
  tag: string;
  title: string;
  notes: string[];
  figures: Figure[];
}

export function sections(r: BenchResults): ReportSection[] {
  const out: ReportSection[] = [];
  for (const [backend, entry] of Object.entries(r.backends) as [BenchBackend, NonNullable<BenchResults['backends'][BenchBackend]>][]) {
    if ('skipped' in entry) {
      out.push({ tag: backend, title: `Backend ${backend}: skipped`, notes: [entry.skipped], figures: [] });
      continue;
    }
    const notes = Object.values(entry.engines)
      .filter((e): e is EngineRun => !!e && e.checkErrors.length > 0)
      .map((e) => `${e.engine}: ${e.checkErrors.length} Detect check(s) ended without a reading (${[...new Set(e.checkErrors)].join(', ')})`);
    out.push({
      tag: backend,
      title: `Backend ${backend}: ${entry.label}`,
      notes,
      figures: runFigures(entry.engines, { frame: 'bench page', check: 'bench page', memory: 'bench page' }),
    });
  }
  if (r.extension) {
    const ext = r.extension;
    const same = r.backends[ext.activeBackend as BenchBackend];
    const peers: Runs = same && 'engines' in same ? { 'face-api': same.engines['face-api'], human: same.engines.human } : {};
    out.push({
      tag: 'extension',
      title: `The extension itself (dist/, model "${ext.model}", backend it picked: ${ext.activeBackend}${ext.glRenderer ? `, GL: ${ext.glRenderer}` : ''}) vs the peers' bench pages on ${ext.activeBackend}`,
      notes: [
        "MoodDJ column: popup Detect via tools/popup-driver.ts; per-frame = the offscreen pipeline's perFrameMs over photo checks; memory = the offscreen document.",
        ...ext.checkErrors.map((e) => `popup check error: ${e}`),
      ],
      figures: runFigures({ ...peers, mooddj: ext }, { frame: 'offscreen document', check: 'popup', memory: 'offscreen document' }),
    });
  }
  if (r.extension?.breakdown) {
    const { cold, warm } = r.extension.breakdown;
    const row = (label: string, k: keyof CheckBreakdown, fmt = (v: number) => `${v.toFixed(0)} ms`) =>
      `${label}: cold ${cold ? fmt(cold[k]) : '—'}, warm ${warm ? fmt(warm[k]) : '—'}`;
    out.push({
      tag: 'extension-check',
      title: 'The extension: popup Detect, click → result in parts (warm = median of the warm checks)',
      notes: [
        row('click → result', 'clickToResult'),
        row('camera open (getUserMedia to first frame)', 'cameraOpen'),
        row('settle (until brightness stops changing)', 'settle'),
        row('waiting for models after the settle', 'modelWait'),
        row('frames read (count)', 'framesRead', (v) => v.toFixed(0)),
        row('reading frames as they come', 'frames'),
        row('  of which detection + emotion model', 'models'),
        row('after the frames (combine, Grad-CAM, crop preview)', 'afterFrames'),
        row('service worker: messages, storage, music step', 'workerAndMusic'),
        ...(r.extension.installLoad
          ? [
              `models' load right after install (in the background; unpacking MediaPipe's runtime took ${r.extension.installLoad.unpack?.toFixed(0) ?? '—'} ms of it): ${r.extension.installLoad.total.toFixed(0)} ms`,
            ]
          : []),
        ...(r.extension.firstLoad
          ? [
              `models' load in the cold check's new document (the popup's warm-up, started as it opened): ${r.extension.firstLoad.total.toFixed(0)} ms; ` +
                `TF.js backend ready at ${r.extension.firstLoad.backend.toFixed(0)}, emotion model at ${r.extension.firstLoad.emotion.toFixed(0)}, ` +
                `face detector at ${r.extension.firstLoad.faces.toFixed(0)} ms (loaded alongside; MediaPipe's runtime unpacked in ${r.extension.firstLoad.unpack?.toFixed(0) ?? '—'} ms of it)`,
            ]
          : []),
        ...(r.extension.laterLoad
          ? [
              `models' load in a later offscreen document (every popup after the idle alarm closed the first; MediaPipe's runtime unpacked again): ${r.extension.laterLoad.total.toFixed(0)} ms`,
            ]
          : []),
      ],
      figures: [],
    });
  }
  if (r.packageParts?.length) {
    out.push({
      tag: 'package',
      title: 'The extension package by part (npm run package prints the same table)',
      notes: r.packageParts.map((p) => `${p.part}: ${p.files} file(s), ${formatBytes(p.bytes)}, ${formatBytes(p.zipped)} zipped`),
      figures: [],
    });
  }
  out.push({
    tag: 'size',
    title: 'Package size (what each ships for this task)',
    notes: ENGINES.map((e) => `${e}: ${r.sizes[e].what} (${r.sizes[e].files} files)`),
    figures: [
      { label: 'bytes', better: 'lower', format: formatBytes, values: sizesOf(r, 'bytes') },
      { label: 'zipped (deflate -9)', better: 'lower', format: formatBytes, values: sizesOf(r, 'zipped') },
    ],
  });
  const acc: Figure[] = [];
  const byEngine = (k: 'accuracy' | 'macroF1') => Object.fromEntries(r.accuracy.classifier.map((c) => [c.engine, c[k]]));
  if (r.accuracy.classifier.length) {
    const n = r.accuracy.classifier[0].n;
    acc.push({ label: `classifier only, accuracy (${n} FER dev faces)`, better: 'higher', format: formatPercent, values: byEngine('accuracy') });
    acc.push({ label: 'classifier only, macro-F1', better: 'higher', format: formatPercent, values: byEngine('macroF1') });
  }
  const photos = r.accuracy.photos;
  if (photos) {
    const of = (f: (t: Tally) => number) => Object.fromEntries(Object.entries(photos.engines).map(([e, t]) => [e, f(t)]));
    acc.push({ label: 'photos: faces not found', better: 'lower', format: formatPercent, values: of((t) => t.notFound / t.n) });
    acc.push({
      label: 'photos: accuracy where a face was found',
      better: 'higher',
      format: formatPercent,
      values: of((t) => (found(t) ? t.correct / found(t) : NaN)),
    });
    acc.push({ label: 'photos: end-to-end accuracy (no face = wrong)', better: 'higher', format: formatPercent, values: of((t) => t.correct / t.n) });
  }
  out.push({
    tag: 'accuracy',
    title: 'Accuracy (FER2013 dev)',
    notes: [
      ...r.accuracy.classifier.map((c) => `${c.engine}: ${c.how}`),
      ...(r.accuracy.reference
        ? [
            `for reference, MoodDJ's ${r.accuracy.reference.how}: accuracy ${formatPercent(r.accuracy.reference.accuracy)}, macro-F1 ${formatPercent(r.accuracy.reference.macroF1)} (the same mini-Xception file human uses)`,
          ]
        : []),
      ...(photos ? [`photos: ${photos.dir}, each whole pipeline on wasm`] : ['photos: not run (pass --photos DIR)']),
    ],
    figures: acc,
  });
  return out;
}

export function renderReport(r: BenchResults, style: 'text' | 'markdown'): string {
  const render = style === 'text' ? renderText : renderMarkdown;
  const parts: string[] = [];
  const behind: string[] = [];
  for (const s of sections(r)) {
    parts.push(style === 'text' ? `== ${s.title} ==` : `### ${s.title}`);
    if (s.figures.length) parts.push(render(HEADER, s.figures.map(figureCells)));
    for (const n of s.notes) parts.push(style === 'text' ? `  ${n}` : `- ${n}`);
    parts.push('');
    behind.push(...behindList(s.figures).map((b) => `[${s.tag}] ${b}`));
  }
  parts.push(style === 'text' ? '== Where MoodDJ is behind (ratios marked *) ==' : '### Where MoodDJ is behind (ratios marked *)');
  parts.push(...(behind.length ? behind.map((b) => (style === 'text' ? `  ${b}` : `- ${b}`)) : ['  nowhere']));
  return parts.join('\n');
}

/** Replaces the generated block of `path` (README), keeping the prose around it. */
export function writeReadmeTable(path: string, markdown: string, header: string): void {
  const start = '<!-- bench:results -->';
  const end = '<!-- /bench:results -->';
  const block = `${start}\n${header}\n\n${markdown}\n${end}`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(start);
  const until = text.indexOf(end);
  writeFileSync(path, at >= 0 && until > at ? text.slice(0, at) + block + text.slice(until + end.length) : `${text.trimEnd()}\n\n${block}\n`);
}
