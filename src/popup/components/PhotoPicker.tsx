import { useRef, useState } from 'preact/hooks';
import { number } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';

const MAX_BYTES = 20 * 1024 * 1024;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // readAsDataURL always yields a string.
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** Pick or drop a photo: the same pipeline runs on it instead of the camera. */
export function PhotoPicker({ onPhoto, disabled }: { onPhoto: (dataUrl: string) => void; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const take = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    if (!/^image\/(jpeg|png|webp|gif|bmp)$/.test(file.type)) return setProblem(t('photo_wrong_type'));
    if (file.size > MAX_BYTES) return setProblem(t('photo_too_large', number(MAX_BYTES / 1024 / 1024, { style: 'unit', unit: 'megabyte' })));
    onPhoto(await readAsDataUrl(file));
  };

  return (
    <div
      class={`photo ${over ? 'over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer?.files[0]);
      }}
    >
      <button class="secondary" data-testid="photo" disabled={disabled} onClick={() => input.current?.click()}>
        {t('photo_use')}
      </button>
      <input ref={input} type="file" accept="image/*" hidden data-testid="photo-input" onChange={(e) => void take(e.currentTarget.files?.[0])} />
      {problem && <span class="error small">{problem}</span>}
    </div>
  );
}
