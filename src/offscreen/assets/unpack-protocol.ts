/**
 * Messages between unpack-in-worker.ts and its worker (unpack-worker.ts). Checked by hand
 * rather than with zod: zod would multiply the worker's size by nine for one field.
 */
export interface UnpackRequest {
  /** The packed file, already read by the caller (it hashes the same bytes); transferred. */
  packed: ArrayBuffer;
}

export type UnpackReply = { ok: true; bytes: ArrayBuffer } | { ok: false; error: string };

export function parseUnpackRequest(data: unknown): UnpackRequest {
  const packed = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).packed : undefined;
  if (!(packed instanceof ArrayBuffer) || !packed.byteLength) throw new Error('unpack request without packed bytes');
  return { packed };
}
