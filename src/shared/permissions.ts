/**
 * The permissions MoodDJ holds, in one place: the manifest is built from these, the
 * options page explains each, and a test compares both with the built manifest.
 */
import { SITE_MATCHES } from './sites';

export const PERMISSIONS = ['offscreen', 'storage', 'alarms', 'idle', 'scripting'] as const;
/** Exactly the streaming sites' pages (src/shared/sites.ts): where the content scripts run. */
export const HOST_PERMISSIONS = SITE_MATCHES;
