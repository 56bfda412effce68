import { z } from 'zod';

/**
 * Every failure a user can meet has a code (for tests and logic) and a sentence
 * that says what happened and what to do next (for people).
 */
export const ERROR_MESSAGES = {
  'no-camera': 'No camera found. Connect a webcam, or detect from a photo instead.',
  'permission-denied': 'Camera access is blocked. Allow the camera for MoodDJ and try again.',
  'permission-needed': 'MoodDJ needs your permission to use the camera. Allow it in the tab that just opened, then try again.',
  'camera-busy': 'The camera is in use by another app. Close it there and try again.',
  'camera-timeout': 'The camera did not start in time. Check it is connected and try again.',
  'no-face': 'No face found. Face the camera in good light and try again.',
  'face-too-small': 'Your face is too far away. Move closer to the camera and try again.',
  'too-dark': 'The picture is too dark. Turn on a light and try again.',
  'face-cut': "Your face is partly outside the picture. Move to the middle of the camera's view and try again.",
  'face-too-dark': 'Your face is too dark to read; the light may be behind you. Light your face from the front and try again.',
  'model-failed': 'The emotion model could not be loaded. Reload the extension and try again.',
  'bad-image': 'That file could not be read as an image. Try a JPEG or PNG photo.',
  busy: 'A mood check is already running. Wait for it to finish.',
  'offscreen-failed': 'The camera helper could not start. Try again.',
  timeout: 'That took too long and was stopped. Try again.',
  'bad-message': 'An internal message was malformed and ignored.',
  'no-streaming-tab': 'Open YouTube Music or Spotify in a tab to play music.',
  'site-logged-out': 'Log in to the music site in its tab, then try again.',
  'site-not-ready': 'The music site is not ready. Reload its tab and try again.',
  'site-changed': 'The music site looks different than expected; MoodDJ could not find its controls.',
  'no-results': 'The music site found nothing for that search.',
  'tab-closed': 'The music tab was closed before the command finished.',
  'not-listening': 'A part of MoodDJ was not running. Try again.',
  interrupted: 'The check was interrupted (Chrome restarted part of MoodDJ). Press Detect again.',
  internal: 'Something went wrong inside MoodDJ. Try again.',
  'site-left': 'The music tab is showing another page, such as a sign-in or cookie-consent page. Finish there, then try again.',
  'autoplay-blocked': 'The browser did not let the music start by itself. Click play once in the music tab; after that MoodDJ can control it.',
  'other-device': "Spotify is playing on another device. Pick this browser in Spotify's device list to hear it here.",
  'ad-playing': 'An ad is playing on the music site; your music follows it. MoodDJ never skips, mutes or blocks ads.',
  'no-protected-content': 'The music site needs protected-content playback (Widevine), which this browser does not have.',
  'site-consent': 'The music site is asking you to choose cookie settings in its tab. Choose there (MoodDJ never answers it for you), then try again.',
  'site-language': 'The music site is shown in a language MoodDJ cannot read yet, so it could not find the control it needed.',
  superseded: 'A newer music request took over from this one.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Plain-text site check that goes with a failed music step, for a bug report. */
  report?: string;
}

export function appError(code: ErrorCode, message: string = ERROR_MESSAGES[code]): AppError {
  return { code, message };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

export const errorCodeSchema = z.custom<ErrorCode>(isErrorCode);

/** Thrown inside a context; messaging turns it into a typed error reply. */
export class MoodError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly report?: string,
  ) {
    super(message);
    this.name = 'MoodError';
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof MoodError) return err.report ? { ...appError(err.code, err.message), report: err.report } : appError(err.code, err.message);
  const text = err instanceof Error ? err.message : String(err);
  return appError('internal', `${ERROR_MESSAGES.internal} (${text})`);
}

/**
 * An error as it travels and is stored: a known code, and text cut to length (a content
 * script's words can reach the popup; a hostile page must not fill it).
 */
export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string().transform((s) => s.slice(0, 1000)),
  report: z
    .string()
    .transform((s) => s.slice(0, 4000))
    .optional(),
}) as unknown as z.ZodType<AppError>;
