import { z } from 'zod';
import { errorSentence, MoodError, underscored, type ErrorCode } from './errors';
import { t } from './i18n/t';

export const SITES = ['youtube-music', 'spotify'] as const;
export const siteSchema = z.enum(SITES);
export type Site = z.infer<typeof siteSchema>;

/**
 * Plain facts about each site, with no DOM code, so the service worker can share them
 * with the content scripts without bundling the adapters.
 */
export interface SiteInfo {
  id: Site;
  name: string;
  /** Match patterns; the manifest's content_scripts and host_permissions use the same. */
  matches: readonly string[];
  origin: string;
  home: string;
}

/** One match pattern per site, kept literal so permission explanations can be keyed by it. */
const PATTERNS = {
  'youtube-music': 'https://music.youtube.com/*',
  spotify: 'https://open.spotify.com/*',
} as const satisfies Record<Site, string>;
export type SitePattern = (typeof PATTERNS)[Site];

export const SITE_INFO: Record<Site, SiteInfo> = {
  'youtube-music': {
    id: 'youtube-music',
    name: 'YouTube Music',
    matches: [PATTERNS['youtube-music']],
    origin: 'https://music.youtube.com',
    home: 'https://music.youtube.com/',
  },
  spotify: {
    id: 'spotify',
    name: 'Spotify',
    matches: [PATTERNS.spotify],
    origin: 'https://open.spotify.com',
    home: 'https://open.spotify.com/',
  },
};

/** Every site's match patterns: the manifest's content scripts and host permissions. */
export const SITE_MATCHES: readonly SitePattern[] = Object.values(PATTERNS);

/** The sites whose page objects are reached through a MAIN-world helper. */
export const MAIN_WORLD_MATCHES: readonly SitePattern[] = [PATTERNS['youtube-music']];

export function siteOfUrl(url: string | undefined): Site | null {
  if (!url) return null;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return null;
  }
  for (const info of Object.values(SITE_INFO)) if (info.origin === origin) return info.id;
  return null;
}

/** The codes whose sentence names the site (`site_error_<code>`), where naming it helps the user act. */
const NAMED_SITE_CODES = [
  'site-logged-out',
  'site-not-ready',
  'site-changed',
  'no-results',
  'no-streaming-tab',
  'tab-closed',
  'autoplay-blocked',
  'site-left',
  'site-consent',
  'ad-playing',
  'no-protected-content',
] as const satisfies readonly ErrorCode[];
type NamedSiteCode = (typeof NAMED_SITE_CODES)[number];

const namesSite = (code: ErrorCode): code is NamedSiteCode => (NAMED_SITE_CODES as readonly ErrorCode[]).includes(code);

/** Chrome holds media back in a tab that was opened in the background and never shown. */
export function hiddenTabMessage(site: Site): string {
  return t('site_hidden_tab', SITE_INFO[site].name);
}

/**
 * The tab is there but no MoodDJ helper answers in it, and putting one back failed: the
 * tab predates MoodDJ's install or update. Reloading is the user's call (it stops the music).
 */
export function unreachableTabMessage(site: Site): string {
  return t('site_unreachable_tab', SITE_INFO[site].name);
}

/** Spotify Connect plays the music somewhere else; `where` is the page's own words for it. */
export function otherDeviceMessage(site: Site, where: string): string {
  return t('site_other_device', SITE_INFO[site].name, where);
}

/** "Next" while an ad plays: the player does not skip ads, and MoodDJ never does. */
export function adNoSkipMessage(site: Site): string {
  return t('site_ad_no_skip', SITE_INFO[site].name);
}

/** A note, not an error: a logged-out YouTube Music still plays. */
export function loggedOutNote(site: Site): string {
  return t('site_logged_out_note', SITE_INFO[site].name);
}

export function siteMessage(code: ErrorCode, site: Site): string {
  return namesSite(code) ? t(`site_error_${underscored(code)}`, SITE_INFO[site].name) : errorSentence(code);
}

/** A typed error whose sentence names the site. */
export function siteError(code: ErrorCode, site: Site): MoodError {
  return new MoodError(code, siteMessage(code, site));
}
