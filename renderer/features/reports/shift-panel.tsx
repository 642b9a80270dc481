// The signed-in cashier's shift: open it, close it, and see (and print) the Z report.
import { useTranslation } from 'react-i18next';
import { errorText, useChannel, useChannelMutation } from '../../ipc/client';
import { ZReportView } from './z-report';
import { dateTimeFormat } from '../../i18n/digits';

export function ShiftPanel() {
  const { t, i18n } = useTranslation();
  const current = useChannel('shift.current', {});
  const open = useChannelMutation('shift.open', ['shift.current']);
  const close = useChannelMutation('shift.close', ['shift.current', 'reports.day', 'reports.balances']);
  const date = dateTimeFormat(i18n);
  const shift = current.data?.open;
  const report = close.data?.report ?? current.data?.lastClosed?.report ?? null;
  return (
    <section className="card" aria-labelledby="shift-title" data-testid="shift">
      <h2 id="shift-title">{t('reports.shift.title')}</h2>
      {current.error && <p className="error" role="alert">{errorText(t, current.error)}</p>}
      {shift ? (
        <>
          <p data-testid="shift-open">{t('reports.shift.openSince', { when: date.format(shift.openedAt) })}</p>
          <button type="button" className="primary" onClick={() => close.mutate({})} disabled={close.isPending} data-testid="shift-close">
            {t('reports.shift.close')}
          </button>
        </>
      ) : (
        current.data && (
          <button type="button" className="primary" onClick={() => open.mutate({})} disabled={open.isPending} data-testid="shift-open-button">
            {t('reports.shift.open')}
          </button>
        )
      )}
      {(open.error || close.error) && <p className="error" role="alert">{errorText(t, open.error ?? close.error)}</p>}
      {report && <ZReportView report={report} />}
    </section>
  );
}
