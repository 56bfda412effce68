import { useState } from 'preact/hooks';
import { defaultMapping, type MoodMapping } from '../../shared/mood-mapping';
import { validateMapping } from '../../shared/query';
import { EMOTIONS } from '../../shared/emotions';
import type { Mode } from '../../shared/storage-schema';
import { ConfirmButton } from '../components/ConfirmButton';
import { t } from '../../shared/i18n/t';
import { emotionName } from '../words';

type Mappings = Record<Mode, MoodMapping>;

const toText = (m: MoodMapping) => Object.fromEntries(EMOTIONS.map((e) => [e, m[e].join(', ')])) as Record<string, string>;

/** Per emotion, the genre and mood words searches are built from; one editor per mode. */
export function MappingEditor({ mappings, onSave }: { mappings: Mappings; onSave: (m: Mappings) => Promise<void> }) {
  const [mode, setMode] = useState<Mode>('match');
  const [text, setText] = useState<Record<string, string>>(toText(mappings.match));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string | null>(null);

  const switchTo = (m: Mode) => {
    setMode(m);
    setText(toText(mappings[m]));
    setErrors({});
    setNote(null);
  };
  const save = async () => {
    const raw = Object.fromEntries(Object.entries(text).map(([e, v]) => [e, v.split(',')]));
    const result = validateMapping(raw);
    if (!result.ok) {
      setErrors(result.errors);
      setNote(t('mapping_not_saved'));
      return;
    }
    setErrors({});
    await onSave({ ...mappings, [mode]: result.mapping });
    setNote(t('mapping_saved'));
  };
  const reset = async () => {
    const fresh = defaultMapping(mode);
    setText(toText(fresh));
    setErrors({});
    await onSave({ ...mappings, [mode]: fresh });
    setNote(t('mapping_reset_done'));
  };

  return (
    <section class="card" aria-label={t('mapping_label')} data-testid="mapping-editor">
      <h2>{t('mapping_title')}</h2>
      <div class="controls" role="tablist">
        {(['match', 'lift'] as const).map((m) => (
          <button key={m} role="tab" aria-selected={mode === m} class={mode === m ? 'selected' : ''} onClick={() => switchTo(m)}>
            {t(`mode_${m}`)}
          </button>
        ))}
      </div>
      <p class="muted small">{t('mapping_help')}</p>
      {EMOTIONS.map((e) => (
        <label key={e} class="field">
          <span>{emotionName(e)}</span>
          <input
            data-testid={`mapping-${e}`}
            value={text[e]}
            aria-invalid={errors[e] ? 'true' : undefined}
            onInput={(ev) => setText({ ...text, [e]: ev.currentTarget.value })}
          />
          {errors[e] && (
            <span class="field-error" data-testid={`mapping-error-${e}`}>
              {errors[e]}
            </span>
          )}
        </label>
      ))}
      <div class="controls">
        <button class="primary" data-testid="mapping-save" onClick={() => void save()}>
          {t('mapping_save')}
        </button>
        <ConfirmButton
          testid="mapping-reset"
          label={t('mapping_reset')}
          question={t('mapping_reset_question', t(`mode_${mode}`))}
          confirmLabel={t('mapping_reset_confirm')}
          onConfirm={() => void reset()}
        />
      </div>
      {note && (
        <p class="small" data-testid="mapping-note">
          {note}
        </p>
      )}
    </section>
  );
}
