import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userVisibleLiterals } from './literal-scan';

const ROOT = resolve(import.meta.dirname, '../../..');
const POPUP = join(ROOT, 'src/popup');

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));

describe('the popup and options page take every word from the messages files', () => {
  it('no file in src/popup writes words a user reads', () => {
    const left = files(POPUP).flatMap((f) => userVisibleLiterals(readFileSync(f, 'utf8'), f).map((l) => `${relative(ROOT, f)}:${l.line}: ${l.text}`));
    expect(left).toEqual([]);
  });

  it('no page title is written in English before the page sets its own', () => {
    for (const page of readdirSync(POPUP).filter((f) => f.endsWith('.html'))) {
      expect(readFileSync(join(POPUP, page), 'utf8'), page).toMatch(/<title>MoodDJ<\/title>/);
    }
  });

  it('the scan finds words written into code, and passes keys, hooks, logs and styling', () => {
    const found = userVisibleLiterals(`
      export function View({ busy }: { busy: boolean }) {
        const [note, setNote] = useState<string | null>(null);
        const LABELS = { idle: 'Ready when you are' };
        const line = \`Checking every \${n} min\`;
        if (e.key === 'Enter') setNote('Saved.');
        console.log('a log line, never shown');
        return (
          <section class="card big" data-testid="music card" aria-label={t('music_label')} title="Camera in use">
            Detect mood
            <img alt="Your face" src="a b.png" />
            {busy ? 'Checking…' : t('detect_mood')}
            <ConfirmButton label="Clear history…" question={t('history_clear_question', count(2, 'count_check'))} />
            <span style={{ margin: '40px auto' }}>{' · '}</span>
          </section>
        );
      }`);
    expect(found.map((f) => f.text)).toEqual([
      'Ready when you are',
      'Checking every   min',
      'Saved.',
      'Camera in use',
      'Detect mood',
      'Your face',
      'Checking…',
      'Clear history…',
    ]);
  });
});
