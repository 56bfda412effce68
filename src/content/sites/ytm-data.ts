/**
 * Pure readers of YouTube Music's InnerTube data: the `/search` response and the
 * `musicResponsiveListItemRenderer` objects its rows carry (also exposed as the row
 * elements' `.data`). No DOM, no fetching: tested on recorded samples in
 * tests/fixtures/ytm-data/ shaped like the real responses (docs/sites.md names the
 * public captures the shapes come from).
 *
 * Items are classified by their endpoints, never by visible text or link URLs:
 * a song's title link carries `&list=` too, but only a playlist opens a
 * `browseEndpoint` of page type MUSIC_PAGE_TYPE_PLAYLIST (browse id `VL…`).
 */

/** Search filters, as the app's own filter chips send them (ytmusicapi get_search_params). */
export const SEARCH_PARAMS = {
  songs: 'EgWKAQIIAWoMEA4QChADEAQQCRAF',
  playlists: 'Eg-KAQwIABAAGAAgACgBMABqChAEEAMQCRAFEAo=',
} as const;
export type SearchFilter = keyof typeof SEARCH_PARAMS;

export type YtmKind = 'playlist' | 'song' | 'video' | 'album' | 'artist' | 'other';

/**
 * The command that starts an item: a watch endpoint with a video id, a playlist id or
 * both. A playlist's own play button carries a `watchPlaylistEndpoint`, but the public
 * projects that start music through `yt-navigate` (pear-desktop, ytmdesktop) send a
 * `watchEndpoint`, so that is the one shape MoodDJ sends.
 */
export type PlayEndpoint = { watchEndpoint: { videoId: string; playlistId?: string } | { videoId?: undefined; playlistId: string } };

export interface YtmItem {
  kind: YtmKind;
  title: string;
  /** The other columns' text ("Song • Artist • Album • 3:20"), for matching an artist. */
  subtitle: string;
  videoId?: string;
  playlistId?: string;
  browseId?: string;
  play?: PlayEndpoint;
  /** The row's menu has "Add to queue" (queueAddEndpoint, INSERT_AT_END). */
  queueAtEnd: boolean;
}

export type SearchLayout = 'flat' | 'shelves' | 'empty';

export interface SearchData {
  layout: SearchLayout;
  items: YtmItem[];
  /** From the rows' like buttons: true when they ask to sign in, null when no row says. */
  loggedOut: boolean | null;
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Follows a path of keys and indices; undefined where the shape differs. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') at = arr(at)[key];
    else at = obj(at)?.[key];
    if (at === undefined) return undefined;
  }
  return at;
}

/** `{runs: [{text}]}` or `{simpleText}` as plain text. */
export function textOfRuns(value: unknown): string {
  const simple = str(obj(value)?.simpleText);
  if (simple) return simple;
  return arr(obj(value)?.runs)
    .map((run) => str(obj(run)?.text) ?? '')
    .join('')
    .trim();
}

const ID = /^[\w-]{1,64}$/;
const id = (value: unknown): string | undefined => (typeof value === 'string' && ID.test(value) ? value : undefined);

function pageTypeOf(browse: Json | undefined): string | undefined {
  return str(dig(browse, 'browseEndpointContextSupportedConfigs', 'browseEndpointContextMusicConfig', 'pageType'));
}

function kindOfBrowse(browse: Json | undefined): YtmKind | null {
  if (!browse) return null;
  const pageType = pageTypeOf(browse);
  const browseId = str(browse.browseId) ?? '';
  if (pageType === 'MUSIC_PAGE_TYPE_PLAYLIST' || (!pageType && browseId.startsWith('VL'))) return 'playlist';
  if (pageType === 'MUSIC_PAGE_TYPE_ALBUM' || pageType === 'MUSIC_PAGE_TYPE_AUDIOBOOK') return 'album';
  if (pageType === 'MUSIC_PAGE_TYPE_ARTIST' || pageType === 'MUSIC_PAGE_TYPE_USER_CHANNEL') return 'artist';
  return 'other';
}

function kindOfWatch(watch: Json | undefined): YtmKind | null {
  if (!id(watch?.videoId)) return null;
  const type = dig(watch, 'watchEndpointMusicSupportedConfigs', 'watchEndpointMusicConfig', 'musicVideoType');
  // ATV: the audio track of a release ("Song"); OMV/UGC/PODCAST: a video.
  return type === 'MUSIC_VIDEO_TYPE_ATV' || type === undefined ? 'song' : 'video';
}

function playEndpointOf(nav: unknown): PlayEndpoint | undefined {
  const list = obj(obj(nav)?.watchPlaylistEndpoint);
  const playlistId = id(list?.playlistId);
  if (playlistId) return { watchEndpoint: { playlistId } };
  const watch = obj(obj(nav)?.watchEndpoint);
  const videoId = id(watch?.videoId);
  if (videoId) return { watchEndpoint: { videoId, ...(id(watch?.playlistId) ? { playlistId: id(watch?.playlistId)! } : {}) } };
  return undefined;
}

/** True when the menu's items include "Add to queue" at the end (not "Play next"). */
function menuQueuesAtEnd(menu: unknown): boolean {
  return arr(dig(menu, 'menuRenderer', 'items')).some(
    (item) => dig(item, 'menuServiceItemRenderer', 'serviceEndpoint', 'queueAddEndpoint', 'queueInsertPosition') === 'INSERT_AT_END',
  );
}

/** One result row (`musicResponsiveListItemRenderer`), classified by its endpoints. */
export function parseListItem(data: unknown): YtmItem | null {
  const row = obj(data);
  if (!row) return null;
  const columns = arr(row.flexColumns).map((c) => dig(c, 'musicResponsiveListItemFlexColumnRenderer', 'text'));
  const title = textOfRuns(columns[0]);
  if (!title) return null;
  const subtitle = columns.slice(1).map(textOfRuns).filter(Boolean).join(' • ');
  const browse = obj(dig(row, 'navigationEndpoint', 'browseEndpoint'));
  const titleWatch = obj(dig(columns[0], 'runs', 0, 'navigationEndpoint', 'watchEndpoint'));
  const playNav = dig(row, 'overlay', 'musicItemThumbnailOverlayRenderer', 'content', 'musicPlayButtonRenderer', 'playNavigationEndpoint');
  const playWatch = obj(obj(playNav)?.watchEndpoint);
  const kind = kindOfBrowse(browse) ?? kindOfWatch(playWatch) ?? kindOfWatch(titleWatch) ?? 'other';
  const item: YtmItem = { kind, title, subtitle, queueAtEnd: menuQueuesAtEnd(row.menu) };
  const browseId = id(browse?.browseId);
  if (browseId) item.browseId = browseId;
  if (kind === 'song' || kind === 'video') {
    const videoId = id(playWatch?.videoId) ?? id(titleWatch?.videoId);
    if (videoId) {
      item.videoId = videoId;
      item.play = { watchEndpoint: { videoId } };
    }
  } else {
    const play = playEndpointOf(playNav);
    const playlistId = play?.watchEndpoint.playlistId ?? (kind === 'playlist' && browseId?.startsWith('VL') ? browseId.slice(2) : undefined);
    if (playlistId) item.playlistId = playlistId;
    item.play = play ?? (kind === 'playlist' && playlistId ? { watchEndpoint: { playlistId } } : undefined);
    if (!item.play) delete item.play;
  }
  return item;
}

/** The top-result card (`musicCardShelfRenderer`): its own item, then the rows inside it. */
function parseCard(card: Json): YtmItem[] {
  const titleNav = dig(card, 'title', 'runs', 0, 'navigationEndpoint');
  const browse = obj(obj(titleNav)?.browseEndpoint);
  const watch = obj(obj(dig(card, 'onTap'))?.watchEndpoint) ?? obj(obj(titleNav)?.watchEndpoint);
  const kind = kindOfBrowse(browse) ?? kindOfWatch(watch) ?? 'other';
  const title = textOfRuns(card.title);
  const out: YtmItem[] = [];
  if (title) {
    const item: YtmItem = { kind, title, subtitle: textOfRuns(card.subtitle), queueAtEnd: menuQueuesAtEnd(card.menu) };
    const videoId = id(watch?.videoId);
    if ((kind === 'song' || kind === 'video') && videoId) Object.assign(item, { videoId, play: { watchEndpoint: { videoId } } });
    const browseId = id(browse?.browseId);
    if (browseId) item.browseId = browseId;
    if (kind === 'playlist' && browseId?.startsWith('VL'))
      Object.assign(item, { playlistId: browseId.slice(2), play: { watchEndpoint: { playlistId: browseId.slice(2) } } });
    out.push(item);
  }
  for (const entry of arr(card.contents)) {
    const parsed = parseListItem(obj(entry)?.musicResponsiveListItemRenderer);
    if (parsed) out.push(parsed);
  }
  return out;
}

/**
 * Signed-out pages answer the like button with a "sign in" modal instead of a like
 * command (seen in ytmusicapi's unauthenticated captures): a read-only login probe.
 */
function loggedOutFrom(rows: unknown[]): boolean | null {
  for (const row of rows) {
    for (const button of arr(dig(row, 'menu', 'menuRenderer', 'topLevelButtons'))) {
      const like = obj(obj(button)?.likeButtonRenderer);
      if (!like) continue;
      if (dig(like, 'likeCommand', 'modalEndpoint') !== undefined) return true;
      if (dig(like, 'likeCommand', 'likeEndpoint') !== undefined || like.likeStatus === 'LIKE' || like.likeStatus === 'DISLIKE') return false;
    }
  }
  return null;
}

/**
 * A `/search` response in either layout:
 *  - shelves (until late 2025, and any filtered search): `musicShelfRenderer` sections;
 *  - flat (default search since late 2025): a top-result `musicCardShelfRenderer`, then
 *    one `itemSectionRenderer` of mixed rows.
 * No `contents`, or one `itemSectionRenderer` without rows, is "no results".
 */
export function parseSearchResponse(response: unknown): SearchData {
  const contents = obj(obj(response)?.contents);
  const sectionList =
    dig(contents, 'tabbedSearchResultsRenderer', 'tabs', 0, 'tabRenderer', 'content', 'sectionListRenderer', 'contents') ??
    dig(contents, 'sectionListRenderer', 'contents');
  const items: YtmItem[] = [];
  const rows: unknown[] = [];
  let shelves = false;
  for (const section of arr(sectionList)) {
    const s = obj(section);
    if (!s) continue;
    let list: unknown[] = [];
    if (obj(s.musicCardShelfRenderer)) {
      items.push(...parseCard(obj(s.musicCardShelfRenderer)!));
      continue;
    }
    if (obj(s.musicShelfRenderer)) {
      shelves = true;
      list = arr(dig(s, 'musicShelfRenderer', 'contents'));
    } else if (obj(s.itemSectionRenderer)) {
      // Also holds "Did you mean" and "No results" messages, which have no rows.
      list = arr(dig(s, 'itemSectionRenderer', 'contents'));
    }
    for (const entry of list) {
      const data = obj(entry)?.musicResponsiveListItemRenderer;
      const parsed = parseListItem(data);
      if (parsed) {
        items.push(parsed);
        rows.push(data);
      }
    }
  }
  const layout: SearchLayout = items.length === 0 ? 'empty' : shelves ? 'shelves' : 'flat';
  return { layout, items, loggedOut: loggedOutFrom(rows) };
}
