/**
 * Visible labels in the languages our users are likeliest to run the sites in. Test
 * ids, page structure and the media session come first; these are the fallback where a
 * site offers only text. Compared after normalize(), so accents and case do not matter.
 */

/** The languages (`<html lang>` prefixes) the label lists below cover. */
export const LABEL_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'da', 'nb', 'no', 'fi', 'tr', 'ru', 'ja', 'zh', 'ko'] as const;

/** True when the page's language is one the label lists cover (an unmarked page counts as not). */
export function labelsCover(lang: string): boolean {
  const prefix = lang.toLowerCase().split('-')[0];
  return (LABEL_LANGUAGES as readonly string[]).includes(prefix);
}
export const ADD_TO_QUEUE_LABELS = [
  'Add to queue',
  'Zur Warteschlange hinzufügen',
  "Ajouter à la file d'attente",
  'Añadir a la cola',
  'Agregar a la fila',
  'Agregar a la cola',
  'Aggiungi alla coda',
  'Adicionar à fila',
  'Toevoegen aan wachtrij',
  'Dodaj do kolejki',
  'Lägg till i kö',
  'Føj til kø',
  'Legg til i kø',
  'Lisää jonoon',
  'Sıraya ekle',
  'Добавить в очередь',
  'キューに追加',
  '加入队列',
  '添加到队列',
  '대기열에 추가',
] as const;

export const PAUSE_LABELS = [
  'Pause',
  'Pausar',
  'Pausa',
  'Mettre en pause',
  'Pauzeren',
  'Pauzeer',
  'Wstrzymaj',
  'Duraklat',
  'Пауза',
  '一時停止',
  '暂停',
  '일시중지',
] as const;

export const PLAY_LABELS = [
  'Play',
  'Reproducir',
  'Wiedergeben',
  'Abspielen',
  'Lire',
  'Riproduci',
  'Reproduzir',
  'Afspelen',
  'Odtwórz',
  'Spela',
  'Oynat',
  'Воспроизвести',
  '再生',
  '播放',
  '재생',
] as const;
