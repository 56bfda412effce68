// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Calibration, CALIBRATION_STEPS } from '../../../src/popup/options/Calibration';
import { EMOTIONS, type Emotion } from '../../../src/shared/emotions';
import { appError } from '../../../src/shared/errors';

const zero = () => Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>;

afterEach(cleanup);

describe('calibration in the options page', () => {
  it('walks through the moods in turn, one capture each', async () => {
    const capture = vi.fn(async () => ({ ok: true as const, value: null }));
    render(<Calibration counts={zero()} capture={capture} forget={vi.fn(async () => undefined)} />);
    fireEvent.click(screen.getByTestId('calibration-start'));
    for (const mood of CALIBRATION_STEPS) {
      await waitFor(() => expect(screen.getByTestId('calibration-step').getAttribute('data-mood')).toBe(mood));
      fireEvent.click(screen.getByTestId('calibration-capture'));
    }
    await waitFor(() => expect(screen.queryByTestId('calibration-step')).toBeNull());
    expect(capture.mock.calls.map((c) => (c as unknown[])[1])).toEqual([...CALIBRATION_STEPS]);
  });

  it('stays on a mood whose capture failed and says why', async () => {
    const capture = vi.fn(async () => ({ ok: false as const, error: appError('no-face') }));
    render(<Calibration counts={zero()} capture={capture} forget={vi.fn(async () => undefined)} />);
    fireEvent.click(screen.getByTestId('calibration-start'));
    fireEvent.click(screen.getByTestId('calibration-capture'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/No face found/));
    expect(screen.getByTestId('calibration-step').getAttribute('data-mood')).toBe('neutral');
  });

  it('shows counts per mood and forgets one mood or all in one click', () => {
    const forget = vi.fn(async () => undefined);
    render(<Calibration counts={{ ...zero(), happy: 3, sad: 1 }} capture={vi.fn()} forget={forget} />);
    expect(screen.getByTestId('calibration-count-happy').textContent).toBe('3');
    fireEvent.click(screen.getByTestId('calibration-forget-sad'));
    fireEvent.click(screen.getByTestId('calibration-forget-all'));
    expect(forget.mock.calls).toEqual([['sad'], [null]]);
    expect(screen.getByTestId<HTMLButtonElement>('calibration-forget-fear').disabled).toBe(true);
  });
});
