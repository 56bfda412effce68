/**
 * What the built extension is made of, by part: each context's own code, the code contexts
 * share, each model, each wasm binary. Code is attributed by following the imports (static and
 * dynamic) from each context's entry file through the built chunks.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';

export interface PackedFile {
  /** Path inside the package, with '/' separators. */
  name: string;
  bytes: number;
  /** Raw-deflate (level 9) size: what the file costs in the zip. */
  deflated: number;
}

export interface Part {
  part: string;
  files: number;
  bytes: number;
  zipped: number;
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []))
    .sort();
}

export function packedFiles(dist: string): PackedFile[] {
  return filesIn(dist).map((path) => {
    const data = readFileSync(path);
    return { name: relative(dist, path).split('\\').join('/'), bytes: data.length, deflated: Math.min(data.length, deflateRawSync(data, { level: 9 }).length) };
  });
}

interface Manifest {
  action?: { default_popup?: string };
  options_page?: string;
  background?: { service_worker?: string };
  content_scripts?: { js?: string[] }[];
}

/** Entry files of each context, from the manifest and the extension's own pages. */
function entries(dist: string): Record<string, string[]> {
  const m = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Manifest;
  const pages = (names: (string | undefined)[]) => names.filter((n): n is string => !!n);
  return {
    popup: pages([m.action?.default_popup, 'src/popup/permission.html']),
    options: pages([m.options_page]),
    offscreen: ['src/offscreen/index.html'],
    'service worker': pages([m.background?.service_worker]),
    'content scripts': (m.content_scripts ?? []).flatMap((c) => c.js ?? []),
  };
}

const REFERENCE = /(?:from\s*|import\s*\(?\s*|src=|href=)["'`]([^"'`]+\.(?:js|css|html))["'`]/g;

/** Files reachable from `start` through script, style and import references. */
function reachable(dist: string, start: string, known: Set<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file) || !known.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(dist, file), 'utf8');
    for (const [, ref] of text.matchAll(REFERENCE)) {
      const target = ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(dirname(file), ref));
      queue.push(target);
    }
  }
  return seen;
}

const ASSET_PARTS: [RegExp, string][] = [
  [/^mediapipe\//, 'MediaPipe face detector runtime (brotli-packed wasm + loader)'],
  // What unpacks that runtime (src/offscreen/assets/packed-wasm.ts): the worker and its brotli decoder.
  [/^assets\/(unpack-worker-.*\.js|brotli_dec_wasm_bg-.*\.wasm)$/, 'MediaPipe runtime unpacker (worker + brotli decoder)'],
  [/^models\/face_detection_short_range\.tflite$/, 'face detector model, MediaPipe'],
  [/^models\/face-tf\//, 'face detector model, TF.js (no-WebGL path)'],
  [/^models\/mooddj\//, 'emotion model: mooddj'],
  [/^models\/baseline\//, 'emotion model: baseline'],
  [/^tfjs\//, 'TF.js wasm backend binary'],
  [/^icons\//, 'icons'],
  [/^_locales\//, 'messages, one file per language'],
];

/** The package by part, largest first. */
export function packageParts(dist: string, files = packedFiles(dist)): Part[] {
  const known = new Set(files.map((f) => f.name));
  const users = new Map<string, string[]>();
  for (const [context, starts] of Object.entries(entries(dist))) {
    const mine = new Set(starts.flatMap((s) => [...reachable(dist, s, known)]));
    for (const f of mine) users.set(f, [...(users.get(f) ?? []), context]);
  }
  const parts = new Map<string, Part>();
  for (const f of files) {
    const asset = ASSET_PARTS.find(([re]) => re.test(f.name));
    const who = users.get(f.name);
    const name = asset
      ? asset[1]
      : who
        ? who.length === 1
          ? `code: ${who[0]}`
          : `code shared by ${who.join(', ')}`
        : f.name === 'manifest.json'
          ? 'manifest'
          : `other: ${f.name}`;
    const p = parts.get(name) ?? { part: name, files: 0, bytes: 0, zipped: 0 };
    p.files++;
    p.bytes += f.bytes;
    // Each zip entry adds a local header and a central directory record holding its name twice.
    p.zipped += f.deflated + 76 + 2 * Buffer.byteLength(f.name);
    parts.set(name, p);
  }
  return [...parts.values()].sort((a, b) => b.bytes - a.bytes);
}

const kb = (n: number) => (n / 1024).toFixed(1);

/** Rows per part; "zipped" is zlib deflate -9 per file plus zip headers; `zipBytes` adds the real archive's size. */
export function partsTable(parts: Part[], zipBytes?: number): string {
  const total = parts.reduce((s, p) => ({ files: s.files + p.files, bytes: s.bytes + p.bytes, zipped: s.zipped + p.zipped }), {
    files: 0,
    bytes: 0,
    zipped: 22,
  });
  const rows = parts.map((p) => `| ${p.part} | ${p.files} | ${kb(p.bytes)} | ${kb(p.zipped)} |`);
  return [
    '| part | files | kB | kB zipped |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    `| **total** | ${total.files} | ${kb(total.bytes)} | ${kb(total.zipped)} |`,
    ...(zipBytes === undefined ? [] : [`| store zip as written | ${total.files} | | ${kb(zipBytes)} |`]),
  ].join('\n');
}
