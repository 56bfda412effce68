import type { Site } from '../../shared/storage-schema';
import type { SiteAdapter } from '../music-site';
import { siteOfUrl } from '../../shared/sites';
import { spotify } from './spotify';
import { youTubeMusic } from './youtube-music';

/** Every supported site's adapter, keyed by site id; URL patterns live in src/shared/sites.ts. */
export const SITE_ADAPTERS: Record<Site, SiteAdapter> = {
  'youtube-music': youTubeMusic,
  spotify,
};

export function adapterForUrl(url: string): SiteAdapter | null {
  const site = siteOfUrl(url);
  return site ? SITE_ADAPTERS[site] : null;
}
