// The training banner on every screen: that nothing here is a real sale, the practice numbers and
// how each one ends (shared/training.ts), and how to leave training.
import { useTranslation } from 'react-i18next';
import { PRACTICE_NUMBERS } from '../../shared/training';
import { NumberText } from '../i18n/number-text';

export function TrainingBanner() {
  const { t } = useTranslation();
  return (
    <div className="training-banner" role="status" data-testid="training-banner">
      <span>{t('app.training.banner')}</span>{' '}
      <span className="training-practice" data-testid="training-practice">
        {t('app.training.practice')}{' '}
        {PRACTICE_NUMBERS.map((p, i) => (
          <span key={p.number} data-testid={`practice-${p.outcome}`}>
            {i > 0 && ' · '}
            <NumberText value={p.number} /> {t(`app.training.outcome.${p.outcome}`)}
          </span>
        ))}
      </span>{' '}
      <span data-testid="training-leave">{t('app.training.leave')}</span>
    </div>
  );
}
