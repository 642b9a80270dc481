// The network of a number as a colour badge with its name: shown while digits are typed, in the
// recent numbers, on the summary. The name is always written out, so colour is never the only cue.
import { useTranslation } from 'react-i18next';
import type { Network } from '../../../shared/domain';

export function NetworkBadge({ network, size = 'normal' }: { network: Network; size?: 'normal' | 'small' }) {
  const { t } = useTranslation();
  return (
    <span className={`network-badge network-${network} badge-${size}`} data-testid="network-badge" data-network={network}>
      <span className="network-dot" aria-hidden="true" />
      {t(`sale.network.${network}`)}
    </span>
  );
}
