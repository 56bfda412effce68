// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SiteCheck, type RunCheck } from '../../../src/popup/options/SiteCheck';
import { appError } from '../../../src/shared/errors';

const REPORT = {
  site: 'youtube-music' as const,
  lines: [
    { area: 'search' as const, mechanism: 'app client', ok: true },
    { area: 'queue' as const, mechanism: 'queue store', ok: false },
    { area: 'play' as const, mechanism: 'row play button', ok: null },
  ],
};

afterEach(cleanup);

describe('SiteCheck', () => {
  it('runs the check for the chosen site and lists each mechanism as ✓, ✗ or ?', async () => {
    const check = vi.fn<RunCheck>(async () => ({ ok: true, value: REPORT }));
    render(<SiteCheck check={check} />);
    fireEvent.click(screen.getByText('Check YouTube Music'));
    await waitFor(() => expect(screen.getByTestId('site-check-report')).toBeTruthy());
    expect(check).toHaveBeenCalledWith('youtube-music');
    const items = screen.getByTestId('site-check-report').querySelectorAll('li');
    expect([...items].map((li) => li.textContent)).toEqual(['✓ search: app client', '✗ queue: queue store', '? play: row play button']);
  });

  it('copies a plain-text report', async () => {
    const copy = vi.fn(async (_text: string) => undefined);
    render(<SiteCheck check={async () => ({ ok: true, value: REPORT })} copy={copy} />);
    fireEvent.click(screen.getByText('Check YouTube Music'));
    fireEvent.click(await screen.findByText('Copy report'));
    await screen.findByText('Copied');
    expect(copy).toHaveBeenCalledWith('MoodDJ site check: youtube-music\n✓ search: app client\n✗ queue: queue store\n? play: row play button');
  });

  it('says why when there is no tab to check', async () => {
    render(<SiteCheck check={async () => ({ ok: false, error: appError('no-streaming-tab', 'Open Spotify in a tab to play music.') })} />);
    fireEvent.click(screen.getByText('Check Spotify'));
    expect((await screen.findByTestId('site-check-error')).textContent).toBe('Spotify: Open Spotify in a tab to play music.');
  });
});
