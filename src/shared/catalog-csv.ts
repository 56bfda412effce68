import Papa from 'papaparse';
import { CATALOG_MAX_TRACKS, CATALOG_MOODS, CatalogError, catalogTrackSchema, FEATURES, TRACK_TEXT_MAX, type CatalogMood, type CatalogTrack } from './catalog';

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
          throw new CatalogError(
            `Line ${row.line} opens a quoted field ("…) that is never closed, so the rest of the file cannot be read. Nothing was imported. Fix the quotes on that line and import again.`,
          );
        }
        if (error.code === 'InvalidQuotes') row.badQuote = true;
      }
      if (row.badQuote && row.lastLine > row.line) {
        throw new CatalogError(
          `A quote on line ${row.line} does not close where its field ends, so lines ${row.line}-${row.lastLine} were read as one row. Nothing was imported. Fix the quotes on line ${row.line} and import again.`,
        );
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
    throw new CatalogError(`Missing columns: the file needs name (or title), artist and mood. Found: ${listColumns(headerCells)}.`);
  }
  return layout;
}

/** The columns found, shortened for a message. */
function listColumns(cells: string[]): string {
  const shown = cells.slice(0, 12).map((c) => (c.length > 30 ? `${c.slice(0, 30)}…` : c));
  return shown.join(', ') + (cells.length > 12 ? `, and ${cells.length - 12} more` : '');
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
    if (row.badQuote) return skip('a misplaced quote: a field with quotes in it must be wrapped in quotes, each inner quote doubled ("")');
    if (row.cells.length !== layout.width) return skip(`expected ${layout.width} fields, found ${row.cells.length}`);
    const cell = (c: number) => (c >= 0 ? (row.cells[c] ?? '').trim() : '');
    const mood = moodOf(cell(layout.mood));
    if (!mood) return skip(`unknown mood "${cell(layout.mood).slice(0, 40)}" (use ${CATALOG_MOODS.join(', ')})`);
    const track: CatalogTrack = { title: cell(layout.title), artist: cell(layout.artist), mood };
    if (!track.title || !track.artist) return skip('empty title or artist');
    if (track.title.length > TRACK_TEXT_MAX) return skip(`title longer than ${TRACK_TEXT_MAX} characters`);
    if (track.artist.length > TRACK_TEXT_MAX) return skip(`artist longer than ${TRACK_TEXT_MAX} characters`);
    if (layout.full) {
      const values = layout.features.map((c) => Number(cell(c)));
      const bad = values.findIndex((v, k) => cell(layout.features[k]) === '' || !Number.isFinite(v));
      if (bad >= 0) return skip(`${FEATURES[bad]} is not a number`);
      track.features = values;
      const pop = Number(cell(layout.popularity));
      if (layout.popularity >= 0 && cell(layout.popularity) !== '' && Number.isFinite(pop) && pop >= 0 && pop <= 100) track.popularity = pop;
      if (layout.id >= 0 && /^[A-Za-z0-9]{22}$/.test(cell(layout.id))) track.spotifyId = cell(layout.id);
    }
    // Every field was checked above; this is the stored schema's last word, in case they drift apart.
    const check = catalogTrackSchema.safeParse(track);
    if (!check.success) return skip(`${String(check.error.issues[0]?.path[0] ?? 'a field')} is not valid`);
    const key = track.spotifyId ?? `${track.title.toLowerCase()}|${track.artist.toLowerCase()}`;
    if (seen.has(key)) return skip('duplicate track');
    seen.add(key);
    tracks.push(check.data);
    if (tracks.length > CATALOG_MAX_TRACKS) {
      throw new CatalogError(
        `The file has more than ${CATALOG_MAX_TRACKS.toLocaleString('en')} tracks, the most a catalog can hold. Nothing was imported. Split the file or remove some rows.`,
      );
    }
  });

  const layout = found.layout;
  if (!layout) throw new CatalogError('The file is empty.');
  if (!tracks.length && !skipped.length) throw new CatalogError('The file has no data rows.');
  if (!tracks.length) {
    const first = skipped[0];
    const all = skipped.length === 1 ? 'the only row was' : `all ${skipped.length.toLocaleString('en')} rows were`;
    throw new CatalogError(`No usable rows: ${all} skipped (first: line ${first.line}: ${first.reason}).`);
  }
  return { tracks, skipped, format: layout.full ? 'spotify-moods' : 'minimal' };
}
