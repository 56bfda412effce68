/**
 * Messages between packed-wasm.ts and its worker (unpack-worker.ts). Checked by hand rather
 * than with zod: zod would multiply the worker's size by nine for one string.
 */
export interface UnpackRequest {
  url: string;
}

export type UnpackReply = { ok: true; bytes: ArrayBuffer } | { ok: false; error: string };

export function parseUnpackRequest(data: unknown): UnpackRequest {
  const url = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).url : undefined;
  if (typeof url !== 'string' || !url) throw new Error('unpack request without a url');
  return { url };
}
