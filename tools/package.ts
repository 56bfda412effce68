/**
 * `npm run package`: builds dist/ (the script runs `vite build` first), writes the store-ready
 * zip as mooddj-<version>.zip (version from package.json, which the manifest also takes), and
 * prints the package by part.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DIST, ROOT } from './browser';
import { packageParts, packedFiles, partsTable } from './package/parts';
import { packagePath, storeZip } from './package/zip';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { version: string };
if (manifest.version !== version) throw new Error(`dist/manifest.json says ${manifest.version}, package.json ${version}: rebuild first.`);

const zip = storeZip(DIST);
const out = packagePath(ROOT, version);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip);

const files = packedFiles(DIST);
console.log(
  `Wrote ${out} (${(zip.length / 1024).toFixed(1)} kB; dist/ ${(files.reduce((s, f) => s + f.bytes, 0) / 1024).toFixed(1)} kB in ${files.length} files)\n`,
);
console.log(partsTable(packageParts(DIST, files), zip.length));
