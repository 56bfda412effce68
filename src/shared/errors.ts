import { z } from 'zod';
import { t } from './i18n/t';

/**
 * Every failure a user can meet has a code (for tests and logic) and a sentence that says
 * what happened and what to do next (for people): `error_<code>` in _locales, rendered in
 * the browser's language where the error is made. Stored errors keep the sentence they were
 * made with; the code says what it is in any language.
 */
export const ERROR_CODES = [
  'no-camera',
  'permission-denied',
  'permission-needed',
  'camera-busy',
  'camera-timeout',
  'no-face',
  'face-too-small',
  'too-dark',
  'face-cut',
  'face-too-dark',
  'model-failed',
  'bad-image',
  'busy',
  'offscreen-failed',
  'timeout',
  'bad-message',
  'no-streaming-tab',
  'site-logged-out',
  'site-not-ready',
  'site-changed',
  'no-results',
  'tab-closed',
  'not-listening',
  'interrupted',
  'internal',
  'site-left',
  'autoplay-blocked',
  'other-device',
  'ad-playing',
  'no-protected-content',
  'site-consent',
  'site-language',
  'superseded',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** "no-camera" → "no_camera": message names allow no hyphen. */
export type Underscored<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : S;

export const underscored = <S extends string>(s: S) => s.replaceAll('-', '_') as Underscored<S>;

/** The code's own sentence, in the browser's language. */
export function errorSentence(code: ErrorCode): string {
  return t(`error_${underscored(code)}`);
}

/** A sentence with a technical detail after it, which stays as it is in every language. */
export function withDetail(sentence: string, detail: string): string {
  return t('error_with_detail', sentence, detail);
}

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Plain-text site check that goes with a failed music step, for a bug report. */
  report?: string;
}

export function appError(code: ErrorCode, message: string = errorSentence(code)): AppError {
  return { code, message };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export const errorCodeSchema = z.custom<ErrorCode>(isErrorCode);

/** Thrown inside a context; messaging turns it into a typed error reply. */
export class MoodError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = errorSentence(code),
    readonly report?: string,
  ) {
    super(message);
    this.name = 'MoodError';
  }
}

export function toAppError(err: unknown): AppError {
  if (err instanceof MoodError) return err.report ? { ...appError(err.code, err.message), report: err.report } : appError(err.code, err.message);
  const text = err instanceof Error ? err.message : String(err);
  return appError('internal', withDetail(errorSentence('internal'), text));
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
