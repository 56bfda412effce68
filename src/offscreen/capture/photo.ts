import { MoodError } from '../../shared/errors';
import type { Frame } from './frame';
import { t } from '../../shared/i18n/t';

/** A photo the user dropped in, as one frame (large photos are scaled down first). */
export async function photoFrame(dataUrl: string, maxSide = 1280): Promise<Frame> {
  let bitmap: ImageBitmap;
  try {
    // Decoded by hand rather than fetch(): nothing of ours should even look like a request.
    const comma = dataUrl.indexOf(',');
    if (!dataUrl.slice(0, comma).endsWith(';base64')) throw new Error('not base64');
    const bin = atob(dataUrl.slice(comma + 1));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    bitmap = await createImageBitmap(new Blob([bytes]));
  } catch {
    throw new MoodError('bad-image');
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new MoodError('internal', t('error_no_canvas'));
  ctx.canvas.width = width;
  ctx.canvas.height = height;
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return { width, height, rgba: ctx.getImageData(0, 0, width, height).data };
}
