// The keys of the step the cashier is on, always on screen: the counter is keyboard-first.
import { useTranslation } from 'react-i18next';

export type Shortcut = { keys: string; action: string };

export function ShortcutList({ shortcuts }: { shortcuts: Shortcut[] }) {
  const { t } = useTranslation();
  return (
    <aside className="shortcut-list" aria-label={t('sale.keys.title')} data-testid="shortcut-list">
      <h2 className="section-title">{t('sale.keys.title')}</h2>
      <dl>
        {shortcuts.map((s) => (
          <div key={s.keys} className="shortcut">
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{t(`sale.keys.${s.action}`)}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
