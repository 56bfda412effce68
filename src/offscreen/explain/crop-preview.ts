/** The face crop as a small PNG data URL for the popup; it lives in memory only. */
export function cropPreview(rgba: Uint8ClampedArray, size: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), size, size), 0, 0);
  return canvas.toDataURL('image/png');
}
