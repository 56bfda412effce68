import browser from 'webextension-polyfill';
import type { z } from 'zod';
import { appError, isErrorCode, toAppError, type AppError } from './errors';
import { localize, t } from './i18n/t';
import { backgroundSchemas, type BackgroundMap } from './messages/background';
import { contentResponseSchemas, contentSchemas, type ContentMap } from './messages/content';
import { offscreenSchemas, type OffscreenMap } from './messages/offscreen';
import { popupSchemas, type PopupMap } from './messages/popup';
import { senderRole, WORKER_PATH, type MessageSender, type OwnContext, type SenderRole } from './senders';

export type { MessageSender } from './senders';

export interface Maps {
  background: BackgroundMap;
  offscreen: OffscreenMap;
  popup: PopupMap;
  content: ContentMap;
}
export type Target = keyof Maps;
export type NameOf<T extends Target> = keyof Maps[T] & string;
type Spec<T extends Target, N extends NameOf<T>> = Maps[T][N] extends { payload: infer P; response: infer R } ? { payload: P; response: R } : never;
export type PayloadOf<T extends Target, N extends NameOf<T>> = Spec<T, N>['payload'];
export type ResponseOf<T extends Target, N extends NameOf<T>> = Spec<T, N>['response'];

export const SCHEMAS: { [T in Target]: Record<NameOf<T>, z.ZodType> } = {
  background: backgroundSchemas,
  offscreen: offscreenSchemas,
  popup: popupSchemas,
  content: contentSchemas,
};

export interface Envelope<T extends Target = Target, N extends NameOf<T> = NameOf<T>> {
  target: T;
  name: N;
  payload: PayloadOf<T, N>;
}

export type Reply<R> = { ok: true; value: R } | { ok: false; error: AppError };

export type Handlers<T extends Target> = {
  [N in NameOf<T>]: (payload: PayloadOf<T, N>, sender: MessageSender) => Promise<ResponseOf<T, N>> | ResponseOf<T, N>;
};

/**
 * Who may ask what of each context (docs/security.md): the worker obeys only the extension's
 * own pages (popup, options, permission page); the offscreen document, which holds the camera,
 * only the worker; an open popup hears progress from the worker and the offscreen document;
 * content scripts take commands from the worker alone. Content scripts themselves send nothing,
 * so nothing they send is ever obeyed.
 */
export const CALLERS: { [T in Target]: readonly SenderRole[] } = {
  background: ['page'],
  offscreen: ['worker'],
  popup: ['worker', 'offscreen'],
  content: ['worker'],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decides what a context does with an incoming message: `undefined` when it is not
 * addressed to this context (another listener may answer), otherwise a typed reply.
 * Kept free of chrome.* so routing and validation are unit-tested directly.
 */
export async function dispatch<T extends Target>(
  target: T,
  handlers: Handlers<T>,
  message: unknown,
  sender: MessageSender,
  own: OwnContext,
): Promise<Reply<unknown> | undefined> {
  if (!isRecord(message) || message.target !== target) return undefined;
  const role = senderRole(sender, own);
  if (!CALLERS[target].includes(role)) {
    return {
      ok: false,
      error: appError('bad-message', role === 'untrusted' ? t('error_message_refused_outside', target) : t('error_message_refused', target, role)),
    };
  }
  const name = message.name;
  const schemas = SCHEMAS[target] as Record<string, z.ZodType>;
  if (typeof name !== 'string' || !Object.hasOwn(schemas, name) || !Object.hasOwn(handlers, name)) {
    return { ok: false, error: appError('bad-message', t('error_message_unknown', String(name), target)) };
  }
  const parsed = schemas[name].safeParse(message.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: appError('bad-message', t('error_message_malformed', name, `${issue?.path.join('.') || 'payload'} ${issue?.message ?? ''}`.trim())),
    };
  }
  try {
    const handler = handlers[name as NameOf<T>];
    return { ok: true, value: await handler(parsed.data, sender) };
  } catch (err) {
    return { ok: false, error: toAppError(err) };
  }
}

/** Registers this context's handlers; returns a function that removes them. */
export function listen<T extends Target>(target: T, handlers: Handlers<T>): () => void {
  const own: OwnContext = { id: browser.runtime.id, workerUrl: browser.runtime.getURL(WORKER_PATH) };
  const listener = (message: unknown, sender: browser.Runtime.MessageSender & { origin?: string }) =>
    dispatch(target, handlers, message, sender, own).then((reply) => reply);
  // The polyfill treats a returned promise resolving to undefined as "not handled", so
  // messages for other contexts are left to their own listeners.
  const wrapped = (message: unknown, sender: browser.Runtime.MessageSender & { origin?: string }) =>
    isRecord(message) && message.target === target ? listener(message, sender) : undefined;
  browser.runtime.onMessage.addListener(wrapped);
  return () => browser.runtime.onMessage.removeListener(wrapped);
}

/**
 * Longest error text taken from a reply: a content script's words end up in the popup. Our
 * longest sentence, in its longest language with a site named, is about 330 characters
 * (tests/unit/shared/locales.test.ts keeps every one under this).
 */
export const MAX_ERROR_TEXT = 500;
const MAX_REPORT_TEXT = 4000;

/**
 * The shape every reply must have. An error keeps its text only when its code is one of ours,
 * and only up to a sentence's length; the value is for the caller to check (sendToTab does).
 */
function toReply<R>(raw: unknown): Reply<R> {
  if (isRecord(raw) && raw.ok === true && 'value' in raw) return raw as Reply<R>;
  if (isRecord(raw) && raw.ok === false && isRecord(raw.error) && isErrorCode(raw.error.code) && typeof raw.error.message === 'string') {
    const { code, message, report } = raw.error;
    // The offscreen document cannot render messages: its sentences are rendered here (localize).
    const error: AppError = { code, message: localize(message).slice(0, MAX_ERROR_TEXT) };
    if (typeof report === 'string') error.report = report.slice(0, MAX_REPORT_TEXT);
    return { ok: false, error };
  }
  return { ok: false, error: appError('bad-message', t('error_no_reply')) };
}

function noReceiver(err: unknown): boolean {
  return /Receiving end does not exist|Could not establish connection/i.test(String(err));
}

/** The receiver went away after taking the message (a stopped worker, a closed document). */
function receiverGone(err: unknown): boolean {
  return /message port closed|message channel closed/i.test(String(err));
}

/** Sends to an extension context (never to content scripts; see sendToTab). */
export async function send<T extends Exclude<Target, 'content'>, N extends NameOf<T>>(
  target: T,
  name: N,
  payload: PayloadOf<T, N>,
): Promise<Reply<ResponseOf<T, N>>> {
  const envelope: Envelope<T, N> = { target, name, payload };
  try {
    const raw: unknown = await browser.runtime.sendMessage(envelope);
    // No reply at all: the receiver went away mid-answer (Chrome stopped the worker, a document
    // closed) without Chrome calling it an error; the user can simply try again.
    if (raw === undefined) return { ok: false, error: appError('interrupted') };
    return toReply(raw);
  } catch (err) {
    if (noReceiver(err)) return { ok: false, error: appError('not-listening', t('error_no_listener', target)) };
    if (receiverGone(err)) return { ok: false, error: appError('interrupted') };
    return { ok: false, error: toAppError(err) };
  }
}

export async function sendToTab<N extends NameOf<'content'>>(
  tabId: number,
  name: N,
  payload: PayloadOf<'content', N>,
): Promise<Reply<ResponseOf<'content', N>>> {
  const envelope: Envelope<'content', N> = { target: 'content', name, payload };
  try {
    const reply = toReply<ResponseOf<'content', N>>(await browser.tabs.sendMessage(tabId, envelope));
    if (!reply.ok) return reply;
    // The reply comes from the site's renderer: checked like any input, page text cut to length.
    const checked = (contentResponseSchemas[name] as z.ZodType<ResponseOf<'content', N>>).safeParse(reply.value);
    if (!checked.success) return { ok: false, error: appError('site-changed', t('error_tab_reply')) };
    return { ok: true, value: checked.data };
  } catch (err) {
    if (noReceiver(err) || receiverGone(err)) return { ok: false, error: appError('site-not-ready') };
    return { ok: false, error: toAppError(err) };
  }
}

/** Unwraps a reply, turning a typed error back into an exception for linear code. */
export function unwrap<R>(reply: Reply<R>): R {
  if (reply.ok) return reply.value;
  throw Object.assign(new Error(reply.error.message), { appError: reply.error });
}
