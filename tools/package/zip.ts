import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { filesIn } from './parts';

/** The store zip of a built extension folder: every file at its path inside, the manifest at the top, deflate level 9. */
export function zipExtension(dist: string): Uint8Array {
  const entries: Zippable = {};
  for (const path of filesIn(dist)) entries[relative(dist, path).split('\\').join('/')] = [readFileSync(path), { level: 9 }];
  return zipSync(entries);
}

/** Where `npm run package` writes the zip for a version. */
export const packagePath = (root: string, version: string) => join(root, 'release', `mooddj-${version}.zip`);
