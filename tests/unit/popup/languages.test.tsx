// @vitest-environment happy-dom
/**
 * The popup and the options page's panels rendered in German, and in a pseudo-language whose
 * every message is wrapped in ⟦ ⟧: any letter left outside the brackets (once the data shown
 * is taken out) was not a message, so it would stay English for a German user. Unlike the
 * source scan (literals.test.ts) this sees what is actually drawn, states and all.
 */
import { historyEntry } from '../../samples/history';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../_locales/en/messages.json';
import german from '../../../_locales/de/messages.json';
import { App } from '../../../src/popup/App';
import { SettingsRow } from '../../../src/popup/components/Settings';
import { Calibration } from '../../../src/popup/options/Calibration';
import { CatalogImport } from '../../../src/popup/options/CatalogImport';
import { HistoryPanel } from '../../../src/popup/options/HistoryPanel';
import { MappingEditor } from '../../../src/popup/options/MappingEditor';
import { permissionReasons, PrivacyPanel } from '../../../src/popup/options/PrivacyPanel';
import { SetAsideNotice } from '../../../src/popup/options/SetAsideNotice';
import { SiteCheck } from '../../../src/popup/options/SiteCheck';
import { EMOTIONS, type Emotion } from '../../../src/shared/emotions';
import { appError } from '../../../src/shared/errors';
import type { HistoryEntry } from '../../../src/shared/history';
import { weekdayClock } from '../../../src/shared/i18n/format';
import type { MessageFile } from '../../../src/shared/i18n/messages';
import { setMessages } from '../../../src/shared/i18n/t';
import { defaultMapping } from '../../../src/shared/mood-mapping';
import { SITE_INFO, SITES } from '../../../src/shared/sites';
import { fakeApi, happy, happyCheck } from './popup-fixtures';

afterEach(() => {
  cleanup();
  setMessages(english);
});

const OPEN = '⟦';
const CLOSE = '⟧';
/** Every English message wrapped, placeholders kept; the language tag and direction stay usable. */
const pseudo: MessageFile = Object.fromEntries(
  Object.entries(english as MessageFile).map(([key, entry]) => [
    key,
    key === 'lang' || key === 'dir' ? entry : { ...entry, message: `${OPEN}${entry.message}${CLOSE}` },
  ]),
);

const NOW = Date.now();
const entry = (at: number, emotion: Emotion): HistoryEntry =>
  historyEntry(at, {
    emotion,
    confidence: 0.7,
    probabilities: happy.probabilities,
    query: 'soft classical music',
    terms: ['soft', 'classical'],
    tracks: [{ title: 'Clair de Lune', artist: 'Debussy' }],
  });
const RECENT = [entry(NOW - 3600_000, 'sad'), entry(NOW - 7200_000, 'happy')];
const READING = {
  ...happy,
  maxFaces: 2,
  personalised: true,
  attention: { brow: 0.1, eyes: 0.35, nose: 0.2, mouth: 0.35 },
  heatmap: 'data:image/png;base64,AA==',
  crop: 'data:image/png;base64,AA==',
};
const TRACK = { title: 'Good as Hell', artist: 'Lizzo', popularity: 77 };
const REPORT = {
  site: 'spotify' as const,
  lines: [
    { area: 'search' as const, mechanism: 'search box (search-input)', ok: true },
    { area: 'now playing' as const, mechanism: 'navigator.mediaSession', ok: null },
  ],
};

/** What the fixtures put on screen as data: names, queries, ids, times; never words of ours. */
const DATA = [
  'pop dance music',
  'soft classical music',
  'Clair de Lune',
  'Debussy',
  TRACK.title,
  TRACK.artist,
  'baseline',
  'wasm',
  'moods.csv',
  'name,artist,…,mood',
  'title,artist,mood',
  'history',
  ...REPORT.lines.map((l) => l.mechanism),
  ...SITES.map((s) => SITE_INFO[s].name),
  ...permissionReasons().map(([name]) => name),
];

/** Text a user sees or hears (content, labels, titles, alt text) with the data and every ⟦message⟧ taken out. */
function outsideMessages(root: Element): string[] {
  const heard = [...root.querySelectorAll('*')].flatMap((el) =>
    ['aria-label', 'title', 'alt', 'placeholder'].map((a) => el.getAttribute(a)).filter((v): v is string => !!v),
  );
  const times = RECENT.map((e) => weekdayClock(e.at));
  return [root.textContent ?? '', ...heard]
    .map((text) => {
      let rest = [...DATA, ...times].reduce((s, d) => s.split(d).join(' '), text);
      // Innermost first: a message may hold another (a mood's name inside a sentence).
      for (let before = ''; before !== rest;) [before, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')];
      return rest;
    })
    .filter((rest) => /\p{L}/u.test(rest));
}

/** The popup in every state at once: its three panels stay in the page, hidden or not. */
async function renderPopup(): Promise<Element> {
  const { api, music, state } = fakeApi(
    {},
    {
      onboarded: false,
      recent: RECENT,
      nextCheckAt: NOW + 600_000,
      settings: { mode: 'lift', site: 'youtube-music', periodicEnabled: true, periodicMinutes: 10, framesPerCheck: 5, hysteresisChecks: 2, catalogPicks: 5 },
    },
  );
  api.detect = vi.fn(async () => {
    state.last = { ...happyCheck({ status: 'pending', error: null, nowPlaying: null, tracks: [] }), perception: READING, mode: 'lift' };
    return { ok: true as const, value: READING };
  });
  const { container } = render(<App api={api} />);
  await screen.findByTestId('onboarding');
  fireEvent.click(screen.getByTestId('detect'));
  await screen.findByTestId('heatmap-reading');
  music(1, {
    status: 'playing',
    error: appError('site-logged-out', '⟦a note the worker wrote in the browser’s language⟧'),
    nowPlaying: { title: TRACK.title, artist: TRACK.artist, playing: true },
    tracks: [TRACK],
  });
  await screen.findByTestId('music-note');
  fireEvent.click(screen.getByTestId('bars-toggle'));
  fireEvent.click(screen.getAllByTestId('chart-point')[0]);
  await screen.findByTestId('chart-detail');
  return container;
}

/** The options page's panels, each in a state that shows most of its words. */
async function renderOptions(): Promise<Element> {
  const counts = Object.fromEntries(EMOTIONS.map((e) => [e, 2])) as Record<Emotion, number>;
  const { container } = render(
    <main>
      <SettingsRow
        settings={{ mode: 'match', site: 'spotify', periodicEnabled: false, periodicMinutes: 10, framesPerCheck: 5, hysteresisChecks: 2, catalogPicks: 5 }}
        onChange={vi.fn()}
      />
      <Calibration
        counts={counts}
        capture={vi.fn(async () => ({ ok: false as const, error: appError('no-face', 'error from the worker') }))}
        forget={vi.fn(async () => undefined)}
      />
      <MappingEditor mappings={{ match: defaultMapping('match'), lift: defaultMapping('lift') }} onSave={vi.fn(async () => undefined)} />
      <CatalogImport
        current={{ name: 'moods.csv', importedAt: NOW, count: 687 }}
        onImport={vi.fn(async () => undefined)}
        onClear={vi.fn(async () => undefined)}
      />
      <SetAsideNotice entries={[{ key: 'history', at: NOW, kept: 3, of: 4, truncated: true, raw: [] }]} onDiscard={vi.fn(async () => undefined)} />
      <HistoryPanel history={RECENT} onClear={vi.fn(async () => undefined)} />
      <SiteCheck check={vi.fn(async () => ({ ok: true as const, value: REPORT }))} copy={vi.fn(async () => undefined)} />
      <PrivacyPanel backend="wasm" model="baseline" />
    </main>,
  );
  fireEvent.click(screen.getByTestId('calibration-start'));
  fireEvent.click(screen.getByTestId('history-clear'));
  fireEvent.click(screen.getByTestId('check-spotify'));
  await screen.findByTestId('site-check-report');
  const sad = screen.getByTestId<HTMLInputElement>('mapping-sad');
  fireEvent.input(sad, { target: { value: 'x'.repeat(45) } });
  fireEvent.click(screen.getByTestId('mapping-save'));
  await screen.findByTestId('mapping-error-sad');
  return container;
}

describe('every word on screen is a message', () => {
  it('in the popup', async () => {
    setMessages(pseudo);
    expect(outsideMessages(await renderPopup())).toEqual([]);
  });

  it('in the options page', async () => {
    setMessages(pseudo);
    expect(outsideMessages(await renderOptions())).toEqual([]);
  });

  it('and the check finds a word that is not', async () => {
    setMessages(pseudo);
    const { container } = render(
      <p>
        {'⟦A message⟧'} Detect mood <span aria-label="Pause">II</span>
      </p>,
    );
    expect(outsideMessages(container).map((s) => s.trim())).toEqual(['Detect mood II', 'Pause']);
  });
});

describe('a German-speaking user', () => {
  it('reads the popup in German, with German numbers', async () => {
    setMessages(german);
    await renderPopup();
    expect(screen.getByTestId('tab-now').textContent).toBe('Jetzt');
    expect(screen.getByTestId('emotion').textContent).toBe('Fröhlich');
    expect(screen.getByTestId('result-words').textContent).toBe('ziemlich sicher, 81\u00a0% · personalisiert');
    expect(screen.getByTestId('heatmap-reading').textContent).toBe('Achtete auf deine Augen und deinen Mund');
    expect(screen.getByTestId('music-why').textContent).toBe('Gegen deine fröhliche Stimmung: pop dance music auf YouTube Music');
    expect(screen.getByTestId('music-status').textContent).toBe('Spielt „Good as Hell — Lizzo“');
    expect(screen.getByTestId('result-details').textContent).toBe('5 von 5 Bildern zeigten ein Gesicht · Modell baseline auf wasm · 0,9 s');
    expect(screen.getByTestId('status').textContent).toMatch(/^Check alle 10 Min\., nächster um \d\d:\d\d$/);
    expect(screen.getByTestId('play-pause').getAttribute('aria-label')).toBe('Pausieren');
  });

  it('reads the options page in German', async () => {
    setMessages(german);
    await renderOptions();
    expect(screen.getByTestId('history-count').textContent).toBe(
      '2 Checks auf diesem Computer gespeichert (die ältesten fallen nach 500 weg). Bilder werden nie gespeichert.',
    );
    expect(screen.getByTestId('mapping-error-sad').textContent).toBe('Jeder Begriff höchstens 40 Zeichen.');
    expect(screen.getByTestId('catalog-status').textContent).toMatch(/^687 Titel aus moods\.csv, importiert am /);
    expect(screen.getByTestId('calibration-step').querySelector('p')?.textContent).toBe(
      'Schritt 1 von 5: Zeig ein entspanntes, neutrales Gesicht und nimm es dann auf.',
    );
    await waitFor(() => expect(screen.getByTestId('site-check-report').textContent).toContain('Läuft gerade'));
  });
});
