// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { topTwo, UnsureChoices } from '../../../src/popup/components/UnsureChoices';
import { toProbabilities } from '../../../src/shared/emotions';
import type { Perception } from '../../../src/shared/perception';
import { happy } from './popup-fixtures';

const unsure: Perception = {
  ...happy,
  emotion: 'sad',
  confidence: 0.34,
  notSure: true,
  // angry, disgust, fear, happy, sad, surprise, neutral
  probabilities: toProbabilities([0.05, 0.01, 0.2, 0.03, 0.34, 0.07, 0.3]),
  model: 'mooddj',
};

afterEach(cleanup);

describe('unsure reading', () => {
  it('offers the two likeliest moods, likeliest first', () => {
    expect(topTwo(unsure)).toEqual(['sad', 'neutral']);
  });

  it('plays nothing until a mood is picked, then hands the pick on once', async () => {
    const onPick = vi.fn(async () => true);
    const onRetry = vi.fn();
    render(<UnsureChoices result={unsure} waiting={true} onPick={onPick} onRetry={onRetry} />);
    expect(screen.getByTestId('unsure-choice-sad')).toBeTruthy();
    expect(screen.getByTestId('unsure-choice-neutral')).toBeTruthy();
    expect(screen.queryByTestId('unsure-choice-fear')).toBeNull();
    expect(onPick).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('unsure-choice-neutral'));
    expect(onPick).toHaveBeenCalledWith('neutral');
    await waitFor(() => expect(screen.getByTestId('unsure-picked').textContent).toContain('neutral'));
    expect(screen.queryByTestId('unsure-choice-sad')).toBeNull();
  });

  it('offers the choices again when the pick failed, and "Try again" retries', async () => {
    const onPick = vi.fn(async () => false);
    const onRetry = vi.fn();
    render(<UnsureChoices result={unsure} waiting={true} onPick={onPick} onRetry={onRetry} />);
    fireEvent.click(screen.getByTestId('unsure-choice-sad'));
    await waitFor(() => expect(screen.getByTestId('unsure-choice-sad')).toBeTruthy());
    fireEvent.click(screen.getByTestId('unsure-retry'));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('shows nothing for a sure reading and no choices once music was chosen', () => {
    const { container } = render(<UnsureChoices result={{ ...unsure, notSure: false }} waiting={true} onPick={vi.fn()} onRetry={vi.fn()} />);
    expect(container.textContent).toBe('');
    cleanup();
    render(<UnsureChoices result={unsure} waiting={false} onPick={vi.fn()} onRetry={vi.fn()} />);
    expect(screen.queryByTestId('unsure-choice-sad')).toBeNull();
    expect(screen.getByTestId('not-sure')).toBeTruthy();
  });
});
