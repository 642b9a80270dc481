// The signed-in cashier's shift: open it, close it after a confirmation, and the Z report then
// prints on the receipt printer by itself (and again on request), shown on screen as well.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useChannel, useChannelMutation } from '../../ipc/client';
import { dateTimeFormat } from '../../i18n/digits';
import { ZReportView } from './z-report';

export function ShiftPanel() {
  const { t, i18n } = useTranslation();
  const current = useChannel('shift.current', {});
  const open = useChannelMutation('shift.open', ['shift.current']);
  const close = useChannelMutation('shift.close', ['shift.current', 'shift.list', 'reports.day', 'reports.balances']);
  const [confirming, setConfirming] = useState(false);
  const date = dateTimeFormat(i18n);
  const shift = current.data?.open;
  const closed = close.data ?? current.data?.lastClosed ?? null;

  function closeShift() {
    setConfirming(false);
    close.mutate({});
  }

  return (
    <section className="card" aria-labelledby="shift-title" data-testid="shift">
      <h2 id="shift-title">{t('reports.shift.title')}</h2>
      {current.error && <p className="error" role="alert">{errorText(t, current.error)}</p>}
      {shift ? (
        <>
          <p data-testid="shift-open">{t('reports.shift.openSince', { when: date.format(shift.openedAt) })}</p>
          {confirming ? (
            <div
              className="confirm-box"
              role="alertdialog"
              aria-labelledby="shift-confirm-text"
              data-testid="shift-close-confirmation"
              onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
            >
              <p id="shift-confirm-text">{t('reports.shift.confirm')}</p>
              <div className="form-actions">
                <button type="button" className="primary" onClick={closeShift} data-testid="shift-close-confirm">
                  {t('reports.shift.confirmClose')}
                </button>
                {/* Focused first: closing a shift cannot be undone, so a stray Enter keeps it open. */}
                <button type="button" onClick={() => setConfirming(false)} autoFocus data-testid="shift-close-cancel">
                  {t('reports.shift.keepOpen')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="primary" onClick={() => setConfirming(true)} disabled={close.isPending} data-testid="shift-close">
              {t('reports.shift.close')}
            </button>
          )}
        </>
      ) : (
        current.data && (
          <button type="button" className="primary" onClick={() => open.mutate({})} disabled={open.isPending} data-testid="shift-open-button">
            {t('reports.shift.open')}
          </button>
        )
      )}
      {(open.error || close.error) && <p className="error" role="alert">{errorText(t, open.error ?? close.error)}</p>}
      {/* Printed by itself once, right after this close; later only on request. */}
      {closed?.report && <ZReportView key={closed.id} report={closed.report} printNow={close.data?.id === closed.id} />}
    </section>
  );
}
