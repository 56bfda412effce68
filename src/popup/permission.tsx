import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n/t';
import { send } from '../shared/messaging';
import { applyPageLanguage } from './page-language';
import './popup.css';

/**
 * Opened once by the service worker: the only place Chrome can show the camera prompt
 * for the extension. The camera is released as soon as the answer is known.
 */
function PermissionPage() {
  const [state, setState] = useState<'asking' | 'granted' | 'denied'>('asking');
  useEffect(() => {
    navigator.mediaDevices
      .getUserMedia({ video: true, audio: false })
      .then((stream) => {
        stream.getTracks().forEach((t) => t.stop());
        setState('granted');
        void send('background', 'cameraPermission', { granted: true });
      })
      .catch((err: unknown) => {
        setState('denied');
        void send('background', 'cameraPermission', { granted: false, error: String(err).slice(0, 400) });
      });
  }, []);
  return (
    <main class="popup" style={{ width: 'auto', maxWidth: '520px', margin: '40px auto' }}>
      <h1>{t('camera_page_heading')}</h1>
      <p>{t('camera_page_why')}</p>
      {state === 'asking' && <p data-testid="permission-state">{t('camera_page_asking')}</p>}
      {state === 'granted' && <p data-testid="permission-state">{t('camera_page_granted')}</p>}
      {state === 'denied' && (
        <p class="error" data-testid="permission-state">
          {t('camera_page_denied')}
        </p>
      )}
    </main>
  );
}

applyPageLanguage(t('camera_page_title'));
render(<PermissionPage />, document.getElementById('app')!);
