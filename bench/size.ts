/** Download size of what each engine has to ship for this task, plain and zipped. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  size: number;
  /** Raw-deflate size of the file's bytes. */
  deflated: number;
}

/**
 * Bytes of a zip archive holding these entries: zip stores a file uncompressed when deflate
 * would grow it, and each entry costs a local header (30 bytes + name) and a central
 * directory record (46 + name), plus the 22-byte end record. Computed rather than run
 * through a `zip` binary, which not every machine has.
 */
export function zipSize(entries: readonly ZipEntry[]): number {
  let total = 22;
  for (const e of entries) {
    const name = Buffer.byteLength(e.name);
    total += 30 + name + Math.min(e.size, e.deflated) + 46 + name;
  }
  return total;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []))
    .sort();
}

/** `files` are absolute paths; names in the archive are relative to `root`. */
export function packageSize(files: readonly string[], root: string): { bytes: number; zipped: number; files: number } {
  const entries = files.map((path) => {
    const bytes = readFileSync(path);
    return { name: relative(root, path), size: statSync(path).size, deflated: deflateRawSync(bytes, { level: 9 }).length };
  });
  return { bytes: entries.reduce((s, e) => s + e.size, 0), zipped: zipSize(entries), files: entries.length };
}
