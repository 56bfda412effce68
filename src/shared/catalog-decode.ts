import { CatalogError } from './catalog';
import { t } from './i18n/t';

type Utf16 = 'utf-16le' | 'utf-16be';

/**
 * UTF-16 by its byte-order mark, or without one by where the zero bytes fall: text that is
 * mostly ASCII has a zero in every other byte (the high byte), which UTF-8 text never has.
 */
function utf16Of(bytes: Uint8Array): Utf16 | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.05) return 'utf-16le';
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * A file's bytes as text: UTF-16 (spreadsheets' "Unicode text" exports), UTF-8, or otherwise
 * Windows-1252 with a warning (older spreadsheet exports). A file with zero bytes left in its
 * text is not a text file at all (an .xlsx workbook, a picture) and is refused.
 */
export function decodeCatalogBytes(bytes: Uint8Array): { text: string; warning?: string } {
  const utf16 = utf16Of(bytes);
  let text: string;
  let warning: string | undefined;
  if (utf16) {
    try {
      // The decoder drops the byte-order mark itself.
      text = new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      throw new CatalogError(t('csv_utf16_damaged'));
    }
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
      warning = t('csv_windows_1252');
    }
  }
  if (text.includes('\u0000')) throw new CatalogError(t('csv_not_text'));
  return { text: text.replace(/^\uFEFF/, ''), warning };
}
