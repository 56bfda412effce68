import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../src/shared/catalog';
import { parseCatalog } from '../../../src/shared/catalog-csv';
import { decodeCatalogBytes } from '../../../src/shared/catalog-decode';

const TEXT = 'title,artist,mood\nCafé del Mar,Björk,Calm\n東京,Yōko Kanno,Happy\nSong 😀,Band,Sad\n';

/** UTF-16 bytes as Windows' "Unicode text" and other exports write them. */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[2 * i + (order === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

describe('catalog file decoding', () => {
  for (const order of ['le', 'be'] as const) {
    for (const bom of [true, false]) {
      it(`reads UTF-16 ${order.toUpperCase()} ${bom ? 'with' : 'without'} a byte-order mark`, () => {
        const { text, warning } = decodeCatalogBytes(utf16(TEXT, order, bom));
        expect(warning).toBeUndefined();
        expect(text).toBe(TEXT);
        expect(parseCatalog(text).tracks.map((t) => [t.title, t.artist])).toEqual([
          ['Café del Mar', 'Björk'],
          ['東京', 'Yōko Kanno'],
          ['Song 😀', 'Band'],
        ]);
      });
    }
  }

  it('reads a tab-separated UTF-16 export (a spreadsheet\'s "Unicode text")', () => {
    const tsv = 'title\tartist\tmood\nCafé\tBand\tHappy\nOther\tBand\tSad\n';
    expect(parseCatalog(decodeCatalogBytes(utf16(tsv, 'le', true)).text).tracks.map((t) => t.title)).toEqual(['Café', 'Other']);
  });

  it('refuses UTF-16 cut in the middle of a character, in plain words', () => {
    const bytes = utf16(TEXT, 'le', true);
    expect(() => decodeCatalogBytes(bytes.subarray(0, bytes.length - 1))).toThrow(CatalogError);
    expect(() => decodeCatalogBytes(bytes.subarray(0, bytes.length - 1))).toThrow(/UTF-16 text but is damaged/);
  });

  it('refuses a workbook or other binary file instead of showing its bytes as column names', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x5b, 0x43, 0x6f, 0x6e, 0x74, 0x65]);
    expect(() => decodeCatalogBytes(zip)).toThrow(/not a text file/);
  });

  it('strips a UTF-8 byte-order mark and keeps UTF-8 without a warning', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]);
    expect(decodeCatalogBytes(bytes)).toEqual({ text: TEXT, warning: undefined });
  });
});
