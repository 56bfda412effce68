/**
 * `npm run bench`: MoodDJ against face-api and human on the same frames, backends and
 * machine. bench/README.md says how each figure is measured.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { EMOTIONS } from '../src/shared/emotions';
import { STORAGE_SCHEMA } from '../src/shared/storage-schema';
import { chromiumPath } from '../tools/browser';
import { runAccuracy } from './accuracy';
import { parseArgs, USAGE, UsageError, type BenchArgs } from './args';
import { backendLabel, engineSessions, SOFTWARE_GL_RUNS } from './backends';
import { bundlePages, pageHtml } from './bundle';
import { measureExtension } from './extension';
import { cameraClip, FILL, timingFrames } from './frames';
import type { RunPlan } from './pages';
import { BENCH, BROTLI_DECODER, DIST, FACE_API_MODELS, FER_DEV, HUMAN_MODELS, payloadFiles, ROOT, TFJS_WASM } from './paths';
import { renderReport, writeReadmeTable } from './report';
import type { BenchResults } from './results';
import { startServer } from './server';
import { packageParts } from '../tools/package/parts';
import { packageSize } from './size';
import { ENGINES } from './table';
import { webgpuAdapter } from './webgpu';

const log = (s: string) => console.error(s);
const version = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

/** A load average this high before we start means someone else is using the CPU. */
const CONTENDED_LOAD = 0.5;

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    const parsed = parseArgs(argv, join(BENCH, 'results.json'));
    if (parsed === 'help') {
      console.log(USAGE);
      return 0;
    }
    args = parsed;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${USAGE}`);
    return 1;
  }
  if (!existsSync(FER_DEV)) {
    console.log(`SKIPPED bench: the shared data set is not at ${FER_DEV} (see ../shared/README.md); the frames and accuracy figures need it.`);
    return 0;
  }
  if (!existsSync(join(DIST, 'manifest.json'))) {
    log('dist/ is missing: running npm run build');
    if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) return 1;
  }
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const chromium = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8' }).trim();
  log(
    `Load average at start ${loadAtStart.toFixed(2)} on ${cpus().length} cores${loadAtStart >= CONTENDED_LOAD ? ': the CPU is shared with other work, timings are contended' : ''}`,
  );

  const frames = timingFrames(FER_DEV, args.perClass);
  const scratch = mkdtempSync(join(tmpdir(), 'mooddj-bench-'));
  const clip = cameraClip(FER_DEV, frames, join(scratch, 'face.y4m'));
  const server = await startServer({
    '/mooddj': DIST,
    '/face-api-model': FACE_API_MODELS,
    '/human-models': HUMAN_MODELS,
    '/tfjs-wasm': TFJS_WASM,
    '/brotli-decoder': BROTLI_DECODER,
  });
  const bundles = await bundlePages();
  for (const e of ENGINES) {
    server.put(`/bundle/${e}.js`, bundles[e]);
    server.put(`/page/${e}.html`, pageHtml(e));
  }
  server.put('/probe.html', '<!doctype html><title>probe</title>');
  frames.forEach((f, i) => server.put(`/frames/${i}.png`, f.png));
  const plan: RunPlan = {
    checks: args.checks,
    warmup: args.warmup,
    warmChecks: args.warmChecks,
    framesPerCheck: STORAGE_SCHEMA.framesPerCheck.default,
    frameUrls: frames.map((_, i) => `/frames/${i}.png`),
    truth: frames.map((f) => EMOTIONS.indexOf(f.truth)),
  };
  const external: string[] = [];
  const errors: string[] = [];
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 1e9),
      os: `${osType()} ${release()}`,
      node: process.version,
      chromium,
      tfjs: version('@tensorflow/tfjs'),
      'face-api': version('@vladmandic/face-api'),
      human: version('@vladmandic/human'),
      loadAverageAtStart: Number(loadAtStart.toFixed(2)),
    },
    contended: loadAtStart >= CONTENDED_LOAD,
    options: { ...args, frames: frames.length, fill: FILL, framesPerCheck: plan.framesPerCheck },
    backends: {},
    extension: null,
    sizes: {} as BenchResults['sizes'],
    packageParts: packageParts(DIST),
    accuracy: { classifier: [], reference: null, photos: null },
    externalRequests: external,
    errors,
    seconds: 0,
  };

  try {
    log('[extension] dist/ in Chromium');
    try {
      const t0 = performance.now();
      results.extension = await measureExtension(clip, frames, plan, (s) => log(`  ${s}`));
      log(`[extension] done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    } catch (err) {
      errors.push(`extension: ${err instanceof Error ? err.message : String(err)}`);
      log(`  FAILED: ${errors.at(-1)}`);
    }
    for (const backend of args.extensionOnly ? [] : args.backends) {
      if (backend === 'webgpu') {
        const adapter = await webgpuAdapter(server.origin);
        if (!adapter.hardware) {
          results.backends.webgpu = { skipped: `no hardware WebGPU adapter here (${adapter.description}); software WebGPU timings would mean nothing` };
          log(`[webgpu] skipped: ${adapter.description}`);
          continue;
        }
      }
      const t0 = performance.now();
      const engines = await engineSessions(server, clip, backend, plan, external, errors);
      log(`[${backend}] done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      results.backends[backend] = { label: backendLabel(backend, Object.values(engines)), engines };
    }
    if (!args.extensionOnly) {
      const t0 = performance.now();
      results.accuracy = await runAccuracy(server, args, results.extension?.model ?? 'baseline', external, errors);
      log(`[accuracy] done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    const payloads = payloadFiles();
    for (const e of ENGINES) results.sizes[e] = { ...packageSize(payloads[e].files, payloads[e].root), what: payloads[e].what };
  } finally {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  results.machine.loadAverageAtEnd = Number(loadavg()[0].toFixed(2));
  results.seconds = (performance.now() - started) / 1000;

  const m = results.machine;
  const header = [
    `MoodDJ vs face-api ${m['face-api']} vs human ${m.human} — ${results.date.slice(0, 16).replace('T', ' ')} UTC, ${results.seconds.toFixed(0)} s`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; ${m.chromium} headless; Node ${m.node}; tfjs ${m.tfjs} in all three.`,
    results.contended
      ? `CONTENDED: load average ${m.loadAverageAtStart} at start, ${m.loadAverageAtEnd} at end: other work shared the CPU, so compare ratios, not absolute times.`
      : `Load average ${m.loadAverageAtStart} at start, ${m.loadAverageAtEnd} at end.`,
    `Frames: ${frames.length} FER2013 dev faces (${args.perClass} per class) in 640x480 frames at fill ${FILL}; ${args.checks} runs per engine and backend (${SOFTWARE_GL_RUNS} on software WebGL), the first ${args.warmup} left out of timings; a Detect check takes ${plan.framesPerCheck} camera frames.`,
  ].join('\n');
  writeFileSync(args.json, JSON.stringify(results, null, 2) + '\n');
  console.log(`${header}\n\n${renderReport(results, 'text')}`);
  if (external.length) console.log(`\nWARNING: requests left the machine: ${[...new Set(external)].join(', ')}`);
  for (const e of errors) console.log(`ERROR: ${e}`);
  if (args.extensionOnly) {
    console.log(`\nWrote ${args.json} (extension only: bench/README.md left as it was)`);
  } else {
    writeReadmeTable(join(BENCH, 'README.md'), renderReport(results, 'markdown'), header.split('\n').join('  \n'));
    console.log(`\nWrote ${args.json} and the table in bench/README.md`);
  }
  return errors.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
