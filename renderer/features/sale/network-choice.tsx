// A number that is both a landline and an ADSL line: the cashier says which service, once.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Network } from '../../../shared/domain';
import { NetworkBadge } from './network-badge';

type Props = { national: string; networks: Network[]; onPick(network: Network): void };

export function NetworkChoice({ national, networks, onPick }: Props) {
  const { t } = useTranslation();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <section className="card step" aria-labelledby="choice-title" data-testid="network-choice">
      <h2 id="choice-title">
        {t('sale.choice.title')} <bdi dir="ltr">{national}</bdi>
      </h2>
      <div
        className="choice-row"
        onKeyDown={(e) => {
          const index = Number(e.key) - 1;
          if (Number.isInteger(index) && networks[index]) {
            e.preventDefault();
            onPick(networks[index]);
          }
        }}
      >
        {networks.map((n, i) => (
          <button key={n} ref={i === 0 ? first : undefined} type="button" className="choice-button" data-testid={`choose-${n}`} onClick={() => onPick(n)}>
            <kbd>{i + 1}</kbd> <NetworkBadge network={n} />
          </button>
        ))}
      </div>
    </section>
  );
}
