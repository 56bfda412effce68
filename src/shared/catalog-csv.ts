import Papa from 'papaparse';
import { CATALOG_MAX_TRACKS, CATALOG_MOODS, CatalogError, catalogTrackSchema, FEATURES, TRACK_TEXT_MAX, type CatalogMood, type CatalogTrack } from './catalog';
import { number } from './i18n/format';
import { t } from './i18n/t';

export interface CatalogImport {
  tracks: CatalogTrack[];
  /** 1-based line numbers of the file (where the row starts), with what was wrong, in plain words. */
  skipped: { line: number; reason: string }[];
  format: 'spotify-moods' | 'minimal';
}

interface CsvRow {
  cells: string[];
  /** 1-based lines of the file the row starts and ends on (a quoted field may hold line breaks). */
  line: number;
  lastLine: number;
  /** Papaparse found a quote where none belongs; the row may have run into the next lines. */
  badQuote: boolean;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * Reads the text row by row with papaparse, placing each row on the file's lines from the
 * parser's cursor (the offset just past the row), so blank lines and quoted line breaks count
 * as the user's editor counts them.
 */
function readRows(text: string, onRow: (row: CsvRow) => void): void {
  let start = 0;
  // Lines are counted by one scan that only moves forward, as rows come in file order.
  let scanned = 0;
  let line = 1;
  const lineAt = (offset: number, breakChar: string) => {
    for (; scanned < offset; scanned++) if (text[scanned] === breakChar) line++;
    return line;
  };
  Papa.parse<string[]>(text, {
    step: (result) => {
      const end = result.meta.cursor;
      // CRLF files are counted by their \n; only old Mac files break lines with \r alone.
      const breakChar = result.meta.linebreak === '\r' ? '\r' : '\n';
      let contentEnd = end;
      while (contentEnd > start && (text[contentEnd - 1] === '\n' || text[contentEnd - 1] === '\r')) contentEnd--;
      const row: CsvRow = {
        cells: result.data,
        line: lineAt(start, breakChar),
        lastLine: lineAt(Math.max(start, contentEnd - 1), breakChar),
        badQuote: false,
      };
      start = end;
      // Thrown from here, a CatalogError ends the parse and reaches parseCatalog's caller.
      for (const error of result.errors) {
        if (error.code === 'MissingQuotes') {
          // Papaparse has read the rest of the file into one field: nothing after it is real.
          throw new CatalogError(t('csv_unclosed_quote', String(row.line)));
        }
        if (error.code === 'InvalidQuotes') row.badQuote = true;
      }
      if (row.badQuote && row.lastLine > row.line) {
        throw new CatalogError(t('csv_runaway_quote', String(row.line), String(row.lastLine)));
      }
      onRow(row);
    },
  });
}

function moodOf(raw: string): CatalogMood | null {
  const m = raw.trim().toLowerCase();
  return CATALOG_MOODS.find((x) => x.toLowerCase() === m) ?? null;
}

const norm = (h: string) => h.trim().toLowerCase();

/** Where each needed column is, from the header row. */
interface Layout {
  width: number;
  title: number;
  artist: number;
  mood: number;
  id: number;
  popularity: number;
  features: number[];
  /** All audio features present: the Spotify moods format. */
  full: boolean;
}

function layoutOf(headerCells: string[]): Layout {
  const header = headerCells.map(norm);
  const col = (name: string) => header.indexOf(name);
  const features = FEATURES.map(col);
  const layout: Layout = {
    width: header.length,
    title: col('name') >= 0 ? col('name') : col('title'),
    artist: col('artist'),
    mood: col('mood'),
    id: col('id'),
    popularity: col('popularity'),
    features,
    full: features.every((c) => c >= 0),
  };
  if (layout.title < 0 || layout.artist < 0 || layout.mood < 0) {
    throw new CatalogError(t('csv_missing_columns', listColumns(headerCells)));
  }
  return layout;
}

/** The columns found, shortened for a message. */
function listColumns(cells: string[]): string {
  const shown = cells.slice(0, 12).map((c) => (c.length > 30 ? `${c.slice(0, 30)}…` : c));
  // The file's own column names, joined as the file lists them.
  const joined = shown.join(', ');
  return cells.length > 12 ? t('csv_columns_more', joined, number(cells.length - 12)) : joined;
}

/**
 * Reads either the Spotify moods format (name, artist, id, popularity, audio features,
 * mood) or a minimal one (title, artist, mood). Bad rows are reported by line and
 * skipped; the rest imports. A file whose rows cannot be told apart (an unclosed quote)
 * or that holds more tracks than the cap is refused whole, so a previous catalog is never
 * replaced by part of a file.
 */
export function parseCatalog(text: string): CatalogImport {
  // Set by the first row that is not blank; an object, as rows arrive in a callback.
  const found: { layout: Layout | null } = { layout: null };
  const tracks: CatalogTrack[] = [];
  const skipped: CatalogImport['skipped'] = [];
  const seen = new Set<string>();

  readRows(text, (row) => {
    if (isBlank(row.cells)) return;
    const layout = found.layout;
    if (!layout) {
      found.layout = layoutOf(row.cells);
      return;
    }
    const skip = (reason: string) => void skipped.push({ line: row.line, reason });
    if (row.badQuote) return skip(t('csv_misplaced_quote'));
    if (row.cells.length !== layout.width) return skip(t('csv_field_count', number(layout.width), number(row.cells.length)));
    const cell = (c: number) => (c >= 0 ? (row.cells[c] ?? '').trim() : '');
    const mood = moodOf(cell(layout.mood));
    if (!mood) return skip(t('csv_unknown_mood', cell(layout.mood).slice(0, 40), CATALOG_MOODS.join(', ')));
    const track: CatalogTrack = { title: cell(layout.title), artist: cell(layout.artist), mood };
    if (!track.title || !track.artist) return skip(t('csv_empty_title'));
    if (track.title.length > TRACK_TEXT_MAX) return skip(t('csv_title_long', number(TRACK_TEXT_MAX)));
    if (track.artist.length > TRACK_TEXT_MAX) return skip(t('csv_artist_long', number(TRACK_TEXT_MAX)));
    if (layout.full) {
      const values = layout.features.map((c) => Number(cell(c)));
      const bad = values.findIndex((v, k) => cell(layout.features[k]) === '' || !Number.isFinite(v));
      if (bad >= 0) return skip(t('csv_not_number', FEATURES[bad]));
      track.features = values;
      const pop = Number(cell(layout.popularity));
      if (layout.popularity >= 0 && cell(layout.popularity) !== '' && Number.isFinite(pop) && pop >= 0 && pop <= 100) track.popularity = pop;
      if (layout.id >= 0 && /^[A-Za-z0-9]{22}$/.test(cell(layout.id))) track.spotifyId = cell(layout.id);
    }
    // Every field was checked above; this is the stored schema's last word, in case they drift apart.
    const check = catalogTrackSchema.safeParse(track);
    if (!check.success) return skip(t('csv_not_valid', String(check.error.issues[0]?.path[0] ?? t('csv_a_field'))));
    const key = track.spotifyId ?? `${track.title.toLowerCase()}|${track.artist.toLowerCase()}`;
    if (seen.has(key)) return skip(t('csv_duplicate'));
    seen.add(key);
    tracks.push(check.data);
    if (tracks.length > CATALOG_MAX_TRACKS) {
      throw new CatalogError(t('csv_too_many', number(CATALOG_MAX_TRACKS)));
    }
  });

  const layout = found.layout;
  if (!layout) throw new CatalogError(t('csv_empty'));
  if (!tracks.length && !skipped.length) throw new CatalogError(t('csv_no_rows'));
  if (!tracks.length) {
    const first = skipped[0];
    throw new CatalogError(
      skipped.length === 1
        ? t('csv_no_usable_only', String(first.line), first.reason)
        : t('csv_no_usable_all', number(skipped.length), String(first.line), first.reason),
    );
  }
  return { tracks, skipped, format: layout.full ? 'spotify-moods' : 'minimal' };
}
