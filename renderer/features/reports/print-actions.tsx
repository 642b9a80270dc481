// The button that sends a Z report (a till's or the shop's) to the receipt printer, and what
// became of it: printing, printed, or why not.
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ipc/client';

type PrintState = { isPending: boolean; isSuccess: boolean; error: unknown };

export function PrintActions({ label, print, onPrint, testId }: { label: string; print: PrintState; onPrint: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" onClick={onPrint} disabled={print.isPending} data-testid={`${testId}-print`}>
        {label}
      </button>
      {print.isPending && <span role="status">{t('reports.z.printing')}</span>}
      {print.isSuccess && (
        <span role="status" data-testid={`${testId}-printed`}>
          {t('reports.z.printed')}
        </span>
      )}
      {print.error ? (
        <span className="error" role="alert" data-testid={`${testId}-print-error`}>
          {errorText(t, print.error)}
        </span>
      ) : null}
    </div>
  );
}
