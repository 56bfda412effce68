/**
 * Measurements that run inside the built extension's offscreen document without being part of
 * it: a rig module (tools/eval/rig/*, bench/rig/*) is bundled here with esbuild and evaluated in
 * the document over the DevTools protocol, where it drives the document's own stages through
 * `globalThis.mooddjDebug` (src/offscreen/debug-handle.ts). The extension ships none of it.
 */
import { build } from 'esbuild';
import type { CDPSession } from 'puppeteer-core';

/**
 * The rig must use the document's TF.js and MediaPipe, never copies of its own: a second TF.js
 * would share the first one's global engine and registries, and measure something else.
 */
const DOCUMENT_ONLY = /node_modules\/(@tensorflow|@mediapipe)\//;

const bundles = new Map<string, Promise<string>>();

async function bundle(entry: string, name: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: name,
    platform: 'browser',
    target: 'chrome116',
    logLevel: 'error',
    metafile: true,
  });
  const copies = Object.keys(result.metafile.inputs).filter((i) => DOCUMENT_ONLY.test(i));
  if (copies.length) throw new Error(`${entry} would bundle its own ${copies[0]}: reach the document's through mooddjDebug instead`);
  return result.outputFiles[0].text;
}

/** An expression's value in the document (awaited, returned by value); its exception, thrown here. */
export async function evaluateIn<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as T;
}

/**
 * Makes the rig module `entry`'s exports `globalThis[name]` in the document behind `cdp` (again
 * after the document was replaced; a no-op while it is there) and returns a caller for them.
 */
export async function injectRig<M extends Record<string, (...args: never[]) => unknown>>(cdp: CDPSession, entry: string, name: string): Promise<RigCaller<M>> {
  if (!bundles.has(entry)) bundles.set(entry, bundle(entry, name));
  const code = await (bundles.get(entry) as Promise<string>);
  const present = await evaluateIn<boolean>(cdp, `typeof globalThis[${JSON.stringify(name)}] === 'object'`);
  if (!present) await evaluateIn(cdp, `${code}\nglobalThis[${JSON.stringify(name)}] = ${name}; true`);
  return (fn, ...args) => evaluateIn(cdp, `globalThis[${JSON.stringify(name)}][${JSON.stringify(fn)}](...${JSON.stringify(args)})`);
}

/** Calls one of the rig's functions with JSON arguments and returns its (awaited) JSON result. */
export type RigCaller<M extends Record<string, (...args: never[]) => unknown>> = <K extends keyof M & string>(
  fn: K,
  ...args: Parameters<M[K]>
) => Promise<Awaited<ReturnType<M[K]>>>;
