// A number the customer reads back (phone number, our transaction id): in the owner's digit style,
// isolated left-to-right so an Arabic line never reorders its digits.
import { useTranslation } from 'react-i18next';
import { showDigits } from './digits';

export function NumberText({ value, className, testId }: { value: string; className?: string; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <bdi dir="ltr" className={className} data-testid={testId}>
      {showDigits(i18n, value)}
    </bdi>
  );
}
