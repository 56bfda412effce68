// @vitest-environment happy-dom
/** Conventions every site adapter follows, so adding or fixing a site stays one place. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../../../manifest.config';
import { HOST_PERMISSIONS } from '../../../src/shared/permissions';
import { SITES } from '../../../src/shared/storage-schema';
import { SITE_ADAPTERS, adapterForUrl } from '../../../src/content/sites';
import { SITE_INFO, siteOfUrl } from '../../../src/shared/sites';

const SRC = resolve(import.meta.dirname, '../../../src/content');
const source = (path: string) => readFileSync(join(SRC, path), 'utf8');

type ContentScript = { matches?: string[]; js?: string[]; world?: string; run_at?: string };
const contentScripts = (manifest as { content_scripts?: ContentScript[] }).content_scripts ?? [];

describe.each(SITES)('the %s adapter', (site) => {
  const adapter = SITE_ADAPTERS[site];
  const file = source(`sites/${site}.ts`);

  it('is registered under its own id and URL', () => {
    expect(adapter.id).toBe(site);
    expect(adapter.create().id).toBe(site);
    expect(adapterForUrl(`${SITE_INFO[site].origin}/anything?x=1`)).toBe(adapter);
  });

  it('declares every selector in one block, each valid CSS', () => {
    expect(Object.keys(adapter.selectors).length).toBeGreaterThan(5);
    for (const [name, selector] of Object.entries(adapter.selectors)) {
      expect(() => document.querySelector(selector), name).not.toThrow();
    }
    const block = /export const \w+_SELECTORS = \{/.exec(file);
    expect(block, 'a `export const …_SELECTORS = {` block').not.toBeNull();
    expect(block!.index, 'the selectors block comes before any code').toBeLessThan(file.search(/\n(export )?(async )?function /));
  });

  it('uses every selector in its block, and none outside it', () => {
    for (const name of Object.keys(adapter.selectors)) expect(file, name).toMatch(new RegExp(`\\bS\\.${name}\\b`));
    expect(file).not.toMatch(/\$(all)?\(\s*['"`]/);
    expect(file).not.toMatch(/querySelector(All)?\(\s*['"`]/);
  });

  it('names the real pages it was written against', () => {
    const header = file.slice(0, file.indexOf('import '));
    expect(header).toMatch(/written against/i);
    expect(header).toContain(SITE_INFO[site].origin + '/');
  });
});

describe('registration', () => {
  it('the isolated content script runs on exactly the supported sites', () => {
    const isolated = contentScripts.filter((s) => s.world !== 'MAIN');
    expect(isolated).toHaveLength(1);
    expect(isolated[0].js).toEqual(['src/content/index.ts']);
    expect([...(isolated[0].matches ?? [])].sort()).toEqual(SITES.flatMap((s) => SITE_INFO[s].matches).sort());
  });

  it('site match patterns are the host permissions', () => {
    expect(SITES.flatMap((s) => SITE_INFO[s].matches).sort()).toEqual([...HOST_PERMISSIONS].sort());
  });

  it('manifest, permissions and the service worker take site addresses only from src/shared/sites.ts', () => {
    const root = resolve(import.meta.dirname, '../../..');
    for (const file of ['manifest.config.ts', 'src/shared/permissions.ts']) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/https:\/\/(music\.youtube|open\.spotify)/);
    }
    const worker = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? worker(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of worker('src/background')) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/from '(\.\.\/)+content\//);
    }
  });

  it('every MAIN-world helper is registered for its site and imports no code', () => {
    const helpers = readdirSync(join(SRC, 'main-world')).filter((f) => f !== 'protocol.ts');
    expect(helpers.length).toBeGreaterThan(0);
    for (const helper of helpers) {
      const site = helper.replace(/\.ts$/, '') as (typeof SITES)[number];
      expect(SITES).toContain(site);
      const entry = contentScripts.find((s) => s.js?.includes(`src/content/main-world/${helper}`));
      expect(entry, helper).toMatchObject({ world: 'MAIN', matches: [...SITE_INFO[site].matches] });
      // It runs as a classic script in the page: a runtime import would not load.
      expect(source(`main-world/${helper}`)).not.toMatch(/^import (?!type )/m);
    }
  });

  it("recognises only the sites' own origins", () => {
    expect(siteOfUrl('https://music.youtube.com/watch?v=1')).toBe('youtube-music');
    expect(siteOfUrl('https://open.spotify.com/')).toBe('spotify');
    expect(siteOfUrl('https://www.youtube.com/')).toBeNull();
    expect(siteOfUrl('https://open.spotify.com.evil.example/')).toBeNull();
    expect(siteOfUrl(undefined)).toBeNull();
    expect(siteOfUrl('not a url')).toBeNull();
  });
});
