// A provider's own words about a sale ("Payment succcess", "جاهزة", ".Success"), never shown as
// ours: a message we know is said in the cashier's language, and the raw text is kept only under
// "details", isolated so the bidi algorithm cannot move its punctuation.
import { useTranslation } from 'react-i18next';

// The providers' documented messages (docs: Al-Qimah REST API, Weta API), by what they mean.
const KNOWN: Record<string, string> = {
  'payment succcess': 'paid',
  'payment success': 'paid',
  success: 'done',
  'تمت العملية بنجاح': 'done',
  جاهزة: 'done',
  ملغية: 'cancelled',
  'في الانتظار': 'waiting',
};

/** Our words for a provider message, or null when it is not one we know. */
export function knownProviderMessage(raw: string): string | null {
  const key = raw
    .trim()
    .replace(/^[\s.!،,]+|[\s.!،,]+$/g, '')
    .toLowerCase();
  return KNOWN[key] ?? null;
}

export function ProviderMessage({ message, testId, rawTestId }: { message: string; testId?: string; rawTestId?: string }) {
  const { t } = useTranslation();
  const known = knownProviderMessage(message);
  return (
    <div className="provider-message" data-testid={testId}>
      {known && <p className="muted">{t(`sale.providerMessage.${known}`)}</p>}
      <details>
        <summary>{t('sale.providerMessage.details')}</summary>
        <bdi data-testid={rawTestId ?? (testId ? `${testId}-raw` : undefined)}>{message}</bdi>
      </details>
    </div>
  );
}
