/** Stands in for src/shared/messaging.ts in the bench bundle: there is no popup to tell. */
export async function send(): Promise<{ ok: true; value: null }> {
  return { ok: true, value: null };
}
