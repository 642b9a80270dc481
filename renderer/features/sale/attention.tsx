// Sales in doubt, seen from every screen: a counter of those still being checked, and a notice when
// one settles while the cashier is on the next customer, not only a receipt from the printer.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelResponse } from '../../../shared/ipc';
import type { SaleView } from '../../../shared/ipc/sales';
import { call, useEvent, type PosError } from '../../ipc/client';
import { ProductText } from './product-text';

/** Waiting on the provider's answer; `created`/`sent` are a sale still on its way, not yet in doubt. */
function inDoubt(sale: Pick<SaleView, 'state'>): boolean {
  return sale.state === 'pending' || sale.state === 'unknown';
}

export function AttentionBar({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // Its own cache entry: the history screen's list of the same channel is then fetched afresh when
  // it opens, not taken from the header's copy; invalidating ['sale.attention'] still reaches both.
  const attention = useQuery<ChannelResponse<'sale.attention'>, PosError>({
    queryKey: ['sale.attention', {}, 'header'],
    queryFn: () => call('sale.attention', {}),
    refetchInterval: 30_000,
  });
  const watched = useRef(new Set<string>());
  const [settled, setSettled] = useState<SaleView[]>([]);

  useEffect(() => {
    for (const sale of attention.data?.sales ?? []) if (inDoubt(sale)) watched.current.add(sale.id);
  }, [attention.data]);

  useEvent(
    'sale.updated',
    useCallback(
      (view: SaleView) => {
        if (inDoubt(view)) watched.current.add(view.id);
        else if ((view.state === 'succeeded' || view.state === 'failed') && watched.current.delete(view.id)) {
          setSettled((list) => [...list.filter((s) => s.id !== view.id), view].slice(-3));
        }
        void client.invalidateQueries({ queryKey: ['sale.attention'] });
      },
      [client],
    ),
  );

  const count = (attention.data?.sales ?? []).filter(inDoubt).length;
  return (
    <>
      {count > 0 && (
        <button type="button" className="attention-count" onClick={onOpen} data-testid="attention-count" data-count={count}>
          <span className="working-sign working" aria-hidden="true" /> {t('counter.attention.count', { count })}
        </button>
      )}
      {settled.length > 0 && (
        <div className="settled-notices" role="status" aria-live="polite">
          {settled.map((sale) => (
            <p key={sale.id} className={`settled-notice settled-${sale.state}`} data-testid="settled-notice" data-id={sale.id} data-state={sale.state}>
              {t(`counter.attention.settled.${sale.state}`)} <bdi dir="ltr">{sale.number}</bdi> · <ProductText product={sale.product} /> ·{' '}
              <bdi dir="ltr">{sale.id}</bdi>{' '}
              <button type="button" onClick={() => setSettled((list) => list.filter((s) => s.id !== sale.id))} data-testid="settled-dismiss">
                {t('counter.attention.dismiss')}
              </button>
            </p>
          ))}
        </div>
      )}
    </>
  );
}
