import { useState } from 'preact/hooks';
import type { Perception } from '../../shared/perception';
import { t } from '../../shared/i18n/t';

/** The face as the model saw it, with the Grad-CAM heatmap on top (switchable). */
export function FaceView({ result }: { result: Perception }) {
  const [showHeat, setShowHeat] = useState(true);
  return (
    <div class="face-view">
      <figure class="heatmap" data-testid="heatmap">
        <img src={result.crop} alt={t('face_alt')} width={160} height={160} />
        {result.heatmap && <img class="overlay" src={result.heatmap} alt="" hidden={!showHeat} data-testid="heatmap-overlay" width={160} height={160} />}
      </figure>
      {result.heatmap && (
        <div class="face-caption">
          <label class="switch small">
            <input type="checkbox" data-testid="heatmap-toggle" checked={showHeat} onChange={(e) => setShowHeat(e.currentTarget.checked)} />
            {t('heatmap_show')}
          </label>
        </div>
      )}
    </div>
  );
}
