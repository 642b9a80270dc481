// The end of a settings form: what the main process refused, "Saved." once it took the values,
// and the save button.
import { useTranslation } from 'react-i18next';
import { errorText, type PosError } from '../../ipc/client';

type Props = { error: PosError | null; saved: boolean; pending: boolean; testId: string };

export function SaveFooter({ error, saved, pending, testId }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {saved && (
        <p role="status" className="ok" data-testid={`${testId}-saved`}>
          {t('settings.saved')}
        </p>
      )}
      <button type="submit" className="primary" disabled={pending} data-testid={`${testId}-save`}>
        {t('settings.save')}
      </button>
    </>
  );
}
