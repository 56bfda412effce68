import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
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
      <h1>MoodDJ needs your camera</h1>
      <p>
        MoodDJ looks at a few camera frames for about a second to read your expression. The frames are processed on this computer, never sent anywhere and never
        stored.
      </p>
      {state === 'asking' && <p data-testid="permission-state">Please choose “Allow” in Chrome's prompt.</p>}
      {state === 'granted' && <p data-testid="permission-state">Thanks! Your mood check continues; you can close this tab.</p>}
      {state === 'denied' && (
        <p class="error" data-testid="permission-state">
          Camera access was blocked. To allow it later, open the camera icon in the address bar or Chrome's site settings for MoodDJ, then press Detect again.
        </p>
      )}
    </main>
  );
}

render(<PermissionPage />, document.getElementById('app')!);
