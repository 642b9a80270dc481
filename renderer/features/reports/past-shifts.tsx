// The owner's list of closed shifts, newest first: each opens its Z report as it was closed, which
// prints again on the receipt printer on request.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useChannel } from '../../ipc/client';
import { dateTimeFormat, formatCount } from '../../i18n/digits';
import { MoneyText } from '../sale/money-text';
import { ZReportView } from './z-report';

export function PastShifts() {
  const { t, i18n } = useTranslation();
  const list = useChannel('shift.list', { limit: 30 });
  const [openId, setOpenId] = useState<number | null>(null);
  const date = dateTimeFormat(i18n);
  const shifts = list.data?.shifts ?? [];
  const chosen = shifts.find((s) => s.id === openId);
  return (
    <section className="card" aria-labelledby="past-shifts-title" data-testid="past-shifts">
      <h2 id="past-shifts-title">{t('reports.past.title')}</h2>
      {list.error && <p className="error" role="alert">{errorText(t, list.error)}</p>}
      {list.isSuccess && shifts.length === 0 && <p>{t('reports.past.none')}</p>}
      <ul className="past-shift-list">
        {shifts.map((shift) => (
          <li key={shift.id}>
            <button
              type="button"
              className="past-shift"
              aria-pressed={shift.id === openId}
              onClick={() => setOpenId(shift.id === openId ? null : shift.id)}
              data-testid={`past-shift-${shift.id}`}
            >
              <strong>{t('reports.past.shift', { id: formatCount(i18n, shift.id) })}</strong>
              <span>{shift.report?.cashier.name || t('signin.owner')}</span>
              <span>
                {date.format(shift.openedAt)} — {shift.closedAt ? date.format(shift.closedAt) : ''}
              </span>
              {shift.report && (
                <span>
                  {t('reports.count', { count: shift.report.summary.succeeded.count })}
                  {shift.report.summary.succeeded.amounts.map((m) => (
                    <span key={m.currency}>
                      {' · '}
                      <MoneyText value={m} />
                    </span>
                  ))}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {chosen?.report && <ZReportView key={chosen.id} report={chosen.report} />}
    </section>
  );
}
