import { CATALOG_FILE_MAX_BYTES, CATALOG_MAX_BYTES, CATALOG_NAME_MAX, CatalogError, type StoredCatalog } from './catalog';
import { parseCatalog, type CatalogImport } from './catalog-csv';
import { decodeCatalogBytes } from './catalog-decode';
import { storedBytes } from './stored-size';
import { number } from './i18n/format';
import { t } from './i18n/t';

/** The part of a File the import reads; tests pass their own. */
export interface CatalogFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ReadyCatalog extends Omit<CatalogImport, 'tracks'> {
  /** What would be stored, already within every cap. */
  catalog: StoredCatalog;
  warning?: string;
}

const megabytes = (mb: number) => number(mb, { style: 'unit', unit: 'megabyte', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const mb = (bytes: number) => megabytes(bytes / 1e6);
// A size just over a cap must not read as the cap itself ("5.0 MB; at most 5.0 MB").
const mbUp = (bytes: number) => megabytes(Math.ceil(bytes / 1e5) / 10);

/**
 * A catalog file, checked from its size (before a byte is read) to the size it would take in
 * storage; anything wrong is a CatalogError whose message is meant for the user. Nothing is
 * stored here, so a refused file leaves the previous catalog as it was.
 */
export async function readCatalogFile(file: CatalogFile, now = Date.now()): Promise<ReadyCatalog> {
  if (file.size > CATALOG_FILE_MAX_BYTES) {
    throw new CatalogError(t('csv_file_too_large', mbUp(file.size), mb(CATALOG_FILE_MAX_BYTES)));
  }
  if (file.size === 0) throw new CatalogError(t('csv_empty'));
  const { text, warning } = decodeCatalogBytes(new Uint8Array(await file.arrayBuffer()));
  const { tracks, ...parsed } = parseCatalog(text);
  const catalog: StoredCatalog = { name: file.name.slice(0, CATALOG_NAME_MAX), importedAt: now, tracks };
  const bytes = storedBytes(catalog);
  if (bytes > CATALOG_MAX_BYTES) {
    throw new CatalogError(t('csv_too_much_storage', number(tracks.length), mbUp(bytes), mb(CATALOG_MAX_BYTES)));
  }
  return { ...parsed, catalog, warning };
}
