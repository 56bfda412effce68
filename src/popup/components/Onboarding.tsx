/** First run: what happens to camera frames, before the camera is ever opened. */
export function Onboarding({ onDone }: { onDone: () => void }) {
  return (
    <section class="card onboarding" aria-labelledby="welcome-title" data-testid="onboarding">
      <h2 id="welcome-title">Welcome to MoodDJ</h2>
      <ul>
        <li>
          <strong>Detect mood</strong> turns the camera on for about a second (a red dot shows while it is on).
        </li>
        <li>Your face is read on this computer. Frames are never sent anywhere and never stored.</li>
        <li>Only the result (an emotion and its probabilities) is kept, in a history you can clear.</li>
        <li>The first time, Chrome asks for camera permission in a new tab. A photo works too.</li>
      </ul>
      <button class="secondary onboarding-done" data-testid="onboarding-done" onClick={onDone}>
        Got it
      </button>
    </section>
  );
}
