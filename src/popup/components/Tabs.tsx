import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n/t';

export interface TabDef<K extends string> {
  key: K;
  label: string;
}

/** The popup's views; every panel stays in the page (hidden) so its state survives a switch. */
export function Tabs<K extends string>({ tabs, current, onPick }: { tabs: TabDef<K>[]; current: K; onPick: (k: K) => void }) {
  const move = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length];
    onPick(next.key);
    document.getElementById(`tab-${next.key}`)?.focus();
  };
  return (
    <nav class="tabs" role="tablist" aria-label={t('tabs_label')}>
      {tabs.map((t, i) => (
        <button
          key={t.key}
          id={`tab-${t.key}`}
          role="tab"
          data-testid={`tab-${t.key}`}
          aria-selected={current === t.key}
          aria-controls={`panel-${t.key}`}
          class={current === t.key ? 'tab selected' : 'tab'}
          onClick={() => onPick(t.key)}
          onKeyDown={(e) => move(e, i)}
        >
          {t.label}
        </button>
      ))}
    </nav>
  );
}

export function TabPanel({ id, current, children }: { id: string; current: string; children: ComponentChildren }) {
  return (
    <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} data-testid={`panel-${id}`} hidden={current !== id} class="panel">
      {children}
    </div>
  );
}
