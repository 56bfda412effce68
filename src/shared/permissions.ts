/**
 * The permissions MoodDJ holds, in one place: the manifest is built from these, the
 * options page explains each, and a test compares both with the built manifest.
 */
export const PERMISSIONS = ['offscreen', 'storage', 'alarms', 'idle'] as const;
export const HOST_PERMISSIONS = ['https://music.youtube.com/*', 'https://open.spotify.com/*'] as const;
