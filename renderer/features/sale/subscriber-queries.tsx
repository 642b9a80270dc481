// Subscriber queries (balance, loan, current offers) with the answer in a readable card. A query
// is a read, never a sale: it asks the provider each time the cashier presses.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubscriberQueryKind, SubscriberType } from '../../../shared/domain';
import { isMobileNetwork } from '../../../shared/numbers';
import { errorText, useChannel } from '../../ipc/client';
import { MoneyText } from './money-text';
import type { SaleTarget } from './sale-target';

// The kinds of shared/domain.ts, in the order the buttons show them (a type check holds them to it).
const subscriberQueryKinds = ['balance', 'loan', 'offers'] as const satisfies readonly SubscriberQueryKind[];

export function SubscriberQueries({ target }: { target: SaleTarget }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<SubscriberQueryKind | null>(null);
  // Weta asks a mobile's billing for its balance; prepaid unless the cashier says otherwise.
  const [subscriberType, setSubscriberType] = useState<SubscriberType>('prepaid');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="queries" data-testid="queries">
      <div className="choice-row" role="group" aria-label={t('sale.query.title')}>
        {subscriberQueryKinds.map((k, i) => (
          <button
            key={k}
            ref={i === 0 ? first : undefined}
            type="button"
            className={kind === k ? 'primary' : undefined}
            data-testid={`query-${k}`}
            onClick={() => setKind(k)}
          >
            {t(`sale.query.${k}`)}
          </button>
        ))}
        {isMobileNetwork(target.network) && (
          <label className="query-line-type">
            <input
              type="checkbox"
              checked={subscriberType === 'postpaid'}
              onChange={(e) => setSubscriberType(e.target.checked ? 'postpaid' : 'prepaid')}
              data-testid="query-postpaid"
            />{' '}
            {t('sale.query.postpaid')}
          </label>
        )}
      </div>
      {kind && <QueryCard target={target} kind={kind} subscriberType={subscriberType} />}
    </div>
  );
}

/**
 * The line type in our words: Weta says prepaid/postpaid, Al-Qimah's mobileType is 1 (prepaid) or
 * 2 (postpaid) beside its own Arabic name, which is then not shown twice.
 */
function lineTypeOf(lines: { label: string; value: string }[]): 'prepaid' | 'postpaid' | null {
  const line = lines.find((l) => l.label === 'mobileType' || l.label === 'type');
  if (!line) return null;
  if (line.value === 'prepaid' || (line.value === '1' && line.label === 'mobileType')) return 'prepaid';
  if (line.value === 'postpaid' || (line.value === '2' && line.label === 'mobileType')) return 'postpaid';
  return null;
}

function QueryCard({ target, kind, subscriberType }: { target: SaleTarget; kind: SubscriberQueryKind; subscriberType: SubscriberType }) {
  const { t, i18n } = useTranslation();
  const answer = useChannel(
    'counter.query',
    { number: target.national, network: target.network, kind, ...(isMobileNetwork(target.network) ? { subscriberType } : {}) },
    { staleTime: 0, gcTime: 0 },
  );
  if (answer.isPending) return <p className="card">{t('app.loading')}</p>;
  if (answer.error)
    return (
      <p className="card error" role="alert" data-testid="query-error">
        {errorText(t, answer.error)}
      </p>
    );
  const { info, at } = answer.data;
  return (
    <article className="card subscriber-card" data-testid="query-card" aria-labelledby="query-card-title">
      <h3 id="query-card-title">
        {t(`sale.query.${kind}`)} · <bdi dir="ltr">{target.national}</bdi>
      </h3>
      {info.balance && (
        <p className="query-balance" data-testid="query-balance">
          {info.balance.amount ? <MoneyText value={info.balance.amount} /> : <bdi>{info.balance.text}</bdi>}
        </p>
      )}
      {info.loan && (
        <p data-testid="query-loan" className={info.loan.hasLoan ? 'warning' : undefined}>
          {t(info.loan.hasLoan ? 'sale.query.hasLoan' : 'sale.query.noLoan')} — <bdi>{info.loan.text}</bdi>
        </p>
      )}
      {info.lines.length > 0 && (
        <dl className="query-lines">
          {info.lines.filter((line) => !(line.label === 'mobileTypeName' && lineTypeOf(info.lines))).map((line) => (
            <div key={line.label}>
              <dt>{t(`sale.query.field.${line.label}`, { defaultValue: line.label })}</dt>
              <dd>
                <bdi>{line.label === 'mobileType' || line.label === 'type' ? t(`sale.query.value.${lineTypeOf(info.lines) ?? 'unknown'}`, { defaultValue: line.value }) : line.value}</bdi>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {info.offers && (
        <ul className="query-offers" data-testid="query-offers">
          {info.offers.length === 0 && <li className="muted">{t('sale.offers.empty')}</li>}
          {info.offers.map((o) => (
            <li key={o.id}>
              <strong>
                <bdi>{o.name}</bdi>
              </strong>
              {o.end && <span className="muted"> · {t('sale.query.until', { date: o.end })}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t('sale.query.at', { time: new Date(at).toLocaleTimeString(i18n.language === 'ar' ? 'ar-YE' : 'en-GB') })}</p>
    </article>
  );
}
