import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { filesIn } from './parts';

/** The store-ready zip of a built extension folder: every file, deflate level 9, as `npm run package` writes it. */
export function storeZip(dist: string): Uint8Array {
  const entries: Zippable = {};
  for (const path of filesIn(dist))
    entries[
      path
        .slice(dist.length + 1)
        .split('\\')
        .join('/')
    ] = [readFileSync(path), { level: 9 }];
  return zipSync(entries);
}

/** Where `npm run package` writes the zip for a version. */
export const packagePath = (root: string, version: string) => join(root, 'release', `mooddj-${version}.zip`);
