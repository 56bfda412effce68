/**
 * The window.postMessage protocol between our isolated content script and the
 * YouTube Music MAIN-world helper.
 *
 * Trust model: any page script can read and forge these messages, so
 *  - the MAIN world only answers requests, and only with abilities the page already
 *    has over itself (its own player and router); nothing it says reaches the
 *    extension as a command;
 *  - the isolated world accepts a reply only for a request id it generated, under its
 *    per-load sender id, once, and validates the reply's shape; a forged reply can at
 *    worst misreport the page's own song, which the page could do through its DOM anyway.
 *
 * The MAIN-world script must stay import-free at runtime (it runs as a classic script
 * in the page), so it imports only types from here and re-declares the channel as
 * `typeof BRIDGE_CHANNEL`, which makes the compiler check the two spellings agree.
 */
export const BRIDGE_CHANNEL = 'mooddj:ytm-bridge:v1';

export const BRIDGE_COMMANDS = [
  'state',
  'play',
  'pause',
  'next',
  'previous',
  'search',
  'queueAtEnd',
  // The app's own data and commands (see docs/sites.md):
  'fetchSearch',
  'navigate',
  'queueAdd',
  'rowsData',
  'probe',
  // Keeping the music going while MoodDJ plays: 'on' / 'off'.
  'keepAwake',
] as const;
export type BridgeCommand = (typeof BRIDGE_COMMANDS)[number];

export interface BridgeRequest {
  channel: typeof BRIDGE_CHANNEL;
  kind: 'request';
  /** Random per content-script load; replies carry it back. */
  sender: string;
  id: string;
  command: BridgeCommand;
  arg?: string;
}

export interface BridgeReply {
  channel: typeof BRIDGE_CHANNEL;
  kind: 'reply';
  sender: string;
  id: string;
  ok: boolean;
  value?: unknown;
}

/** What `state` answers: the page's own player, read through its JS API. */
export interface PlayerSnapshot {
  hasPlayer: boolean;
  /** YouTube player state: -1 unstarted, 0 ended, 1 playing, 2 paused, 3 buffering, 5 cued. */
  state: number | null;
  title: string;
  artist: string;
  /** The loaded video's id ('' when none): a change shows a play command was taken. */
  videoId: string;
  /** The player shows an ad (`ad-showing`). */
  ad: boolean;
}

export const ID_PATTERN = /^[0-9a-f-]{36}$/;
/** Long enough for a JSON `{query, params}` or a play endpoint. */
export const MAX_ARG_LENGTH = 400;

/** What `probe` answers: which of the app's own objects this page exposes (read-only). */
export interface PageProbe {
  app: boolean;
  networkManager: boolean;
  queueStore: boolean;
  player: boolean;
  rowData: boolean;
  /** ytcfg's LOGGED_IN; null when the page does not say. */
  loggedIn: boolean | null;
  /** The page keeps its last-activity time in `window._lact` (what its idle check reads). */
  lastActivity: boolean;
}
