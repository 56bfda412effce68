import { t } from '../../shared/i18n/t';
import { rich } from '../rich';

/** First run: what happens to camera frames, before the camera is ever opened. */
export function Onboarding({ onDone }: { onDone: () => void }) {
  return (
    <section class="card onboarding" aria-labelledby="welcome-title" data-testid="onboarding">
      <h2 id="welcome-title">{t('onboarding_title')}</h2>
      <ul>
        <li>{rich((detect) => t('onboarding_camera', detect), <strong>{t('detect_mood')}</strong>)}</li>
        <li>{t('onboarding_local')}</li>
        <li>{t('onboarding_kept')}</li>
        <li>{t('onboarding_permission')}</li>
      </ul>
      <button class="secondary onboarding-done" data-testid="onboarding-done" onClick={onDone}>
        {t('onboarding_done')}
      </button>
    </section>
  );
}
