import { z } from 'zod';
import { ERROR_MESSAGES, MoodError, type ErrorCode } from './errors';

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

/** Sentences that name the site, for the codes where naming it helps the user act. */
const SITE_MESSAGES: Partial<Record<ErrorCode, (name: string) => string>> = {
  'site-logged-out': (name) => `Log in to ${name} in its tab to play music, then try again.`,
  'site-not-ready': (name) => `${name} is not ready. Reload its tab and try again.`,
  'site-changed': (name) => `${name} looks different than expected; MoodDJ could not find its controls.`,
  'no-results': (name) => `${name} found nothing for that search.`,
  'no-streaming-tab': (name) => `Open ${name} in a tab to play music.`,
  'tab-closed': (name) => `The ${name} tab was closed before the command finished.`,
  'autoplay-blocked': (name) => `${name} did not start playing by itself. Click play once in the ${name} tab; after that MoodDJ can control it.`,
  'site-left': (name) => `The ${name} tab is showing another page, such as a cookie-consent or sign-in page. Finish there, then try again.`,
  'site-consent': (name) => `${name} is asking you to choose cookie settings in its tab. Choose there (MoodDJ never answers it for you), then try again.`,
  'ad-playing': (name) => `An ad is playing on ${name}; your music follows it.`,
  'no-protected-content': (name) =>
    `${name} needs protected-content playback (Widevine), which this browser does not have: many Linux builds of Chromium leave it out. Choose YouTube Music in MoodDJ's settings, or use a browser that plays protected content.`,
};

/** Chrome holds media back in a tab that was opened in the background and never shown. */
export function hiddenTabMessage(site: Site): string {
  const { name } = SITE_INFO[site];
  return `Chrome waits for you to look at a new ${name} tab before it plays. Switch to the ${name} tab once; the music starts there.`;
}

/**
 * The tab is there but no MoodDJ helper answers in it, and putting one back failed: the
 * tab predates MoodDJ's install or update. Reloading is the user's call (it stops the music).
 */
export function unreachableTabMessage(site: Site): string {
  const { name } = SITE_INFO[site];
  return `MoodDJ cannot reach the open ${name} tab: it was opened before MoodDJ was installed or updated. Reload that tab once, then try again.`;
}

/** Spotify Connect plays the music somewhere else; `where` is the page's own words for it. */
export function otherDeviceMessage(site: Site, where: string): string {
  const { name } = SITE_INFO[site];
  return `${name} is playing on another device (it says “${where}”), not in this browser. Pick this browser in ${name}'s device list to hear it here.`;
}

/** "Next" while an ad plays: the player does not skip ads, and MoodDJ never does. */
export function adNoSkipMessage(site: Site): string {
  const { name } = SITE_INFO[site];
  return `An ad is playing on ${name}, so it cannot skip to the next song now. Your music follows the ad.`;
}

/** A note, not an error: a logged-out YouTube Music still plays. */
export function loggedOutNote(site: Site): string {
  const { name } = SITE_INFO[site];
  return `${name} is playing without your account (you are logged out), so expect ads. Log in to ${name} in its tab to play as yourself.`;
}

export function siteMessage(code: ErrorCode, site: Site): string {
  const template = SITE_MESSAGES[code];
  return template ? template(SITE_INFO[site].name) : ERROR_MESSAGES[code];
}

/** A typed error whose sentence names the site. */
export function siteError(code: ErrorCode, site: Site): MoodError {
  return new MoodError(code, siteMessage(code, site));
}
