// The numbers sold to most recently, with their network badge: arrow down from the number field
// walks into them, arrows move, Enter picks, Esc (or arrow up from the first) goes back to typing.
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentNumber } from '../../../shared/ipc/counter';
import { useChannel } from '../../ipc/client';
import { NetworkBadge } from './network-badge';

export type RecentNumbersHandle = { focusFirst(): boolean };

type Props = { onPick(recent: RecentNumber): void; onLeave(): void };

export const RecentNumbers = forwardRef<RecentNumbersHandle, Props>(function RecentNumbers({ onPick, onLeave }, ref) {
  const { t } = useTranslation();
  const recent = useChannel('counter.recent', { limit: 8 });
  const list = useRef<HTMLOListElement>(null);
  const buttons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];

  useImperativeHandle(
    ref,
    () => ({
      focusFirst() {
        const first = buttons()[0];
        first?.focus();
        return first !== undefined;
      },
    }),
    [],
  );

  function onKeyDown(event: React.KeyboardEvent, index: number) {
    const all = buttons();
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) onLeave();
      else all[index - 1]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onLeave();
    }
  }

  const numbers = recent.data?.numbers ?? [];
  return (
    <section className="recent-numbers" aria-labelledby="recent-title">
      <h2 id="recent-title" className="section-title">
        {t('sale.recent.title')} <kbd>↓</kbd>
      </h2>
      {numbers.length === 0 ? (
        <p className="muted">{t('sale.recent.empty')}</p>
      ) : (
        <ol ref={list} className="recent-list" data-testid="recent-numbers">
          {numbers.map((r, index) => (
            <li key={r.number}>
              <button type="button" className="recent-button" data-testid="recent-number" onClick={() => onPick(r)} onKeyDown={(e) => onKeyDown(e, index)}>
                <bdi dir="ltr" className="recent-digits">
                  {r.number}
                </bdi>
                <NetworkBadge network={r.network} size="small" />
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
