// The receipt printer (docs/architecture.md, "Receipts"): a thermal printer reached over the network (raster, the
// default) or a printer the computer already knows (driver), the paper width, the feed before the
// cut, and whether a receipt prints by itself after each sale. Checked with the main process's
// schema before it is sent; each refusal shows beside its field. A test page shows the owner that
// the printer as saved answers and that the paper width is right.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { printerConfigPatchSchema, type PrinterConfig } from '../../../shared/ipc/printing';
import { errorText, useChannel, useChannelMutation } from '../../ipc/client';
import { SaveFooter } from './save-footer';
import { typedInteger } from './typed-integer';

type Draft = { mode: PrinterConfig['mode']; host: string; port: string; deviceName: string; paperWidth: PrinterConfig['paperWidth']; feedLines: string; autoPrint: boolean };

function toDraft(c: PrinterConfig): Draft {
  return { ...c, port: String(c.port), feedLines: String(c.feedLines) };
}

const patchSchema = printerConfigPatchSchema
  .strict()
  // The driver path prints to a named printer; an empty address is allowed (no printer yet).
  .refine((c) => c.mode !== 'driver' || (c.deviceName ?? '') !== '', { path: ['deviceName'] });

export function PrinterSettings() {
  const { t } = useTranslation();
  const current = useChannel('printer.get', {});
  const devices = useChannel('printer.devices', {});
  const save = useChannelMutation('printer.set', ['printer.get']);
  const testPage = useChannelMutation('printer.testPage');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [invalid, setInvalid] = useState<Record<string, true>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) setDraft(toDraft(current.data));
  }, [current.data]);

  if (current.error) return <p className="error" role="alert">{errorText(t, current.error)}</p>;
  if (!draft) return <p>{t('app.loading')}</p>;

  function update<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    setSaved(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const parsed = patchSchema.safeParse({ ...draft, host: draft.host.trim(), port: typedInteger(draft.port), feedLines: typedInteger(draft.feedLines) });
    if (!parsed.success) {
      setInvalid(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), true as const])));
      return;
    }
    setInvalid({});
    save.mutate(parsed.data, { onSuccess: () => setSaved(true) });
  }

  const fieldProps = (key: 'host' | 'port' | 'feedLines' | 'deviceName') => ({
    'aria-invalid': invalid[key] ? true : undefined,
    'aria-describedby': invalid[key] ? `invalid-printer-${key}` : undefined,
    'data-testid': `printer-${key}`,
  });
  const problem = (key: string) =>
    invalid[key] && (
      <small className="error" id={`invalid-printer-${key}`} role="alert" data-testid={`invalid-printer-${key}`}>
        {t(`settings.printer.invalid.${key}`)}
      </small>
    );
  const deviceNames = devices.data?.devices ?? [];

  return (
    <form className="card settings-form" onSubmit={submit} noValidate data-testid="printer-settings">
      <h2>{t('settings.printer.title')}</h2>
      <div className="settings-grid">
        <label className="field">
          <span>{t('settings.printer.mode')}</span>
          <select value={draft.mode} onChange={(e) => update('mode', e.target.value as Draft['mode'])} data-testid="printer-mode">
            <option value="raster">{t('settings.printer.modes.raster')}</option>
            <option value="driver">{t('settings.printer.modes.driver')}</option>
          </select>
        </label>
        {draft.mode === 'raster' ? (
          <>
            <label className="field">
              <span>{t('settings.printer.host')}</span>
              <input type="text" dir="ltr" inputMode="url" value={draft.host} onChange={(e) => update('host', e.target.value)} {...fieldProps('host')} />
              <small className="hint">{t('settings.printer.hint.host')}</small>
              {problem('host')}
            </label>
            <label className="field">
              <span>{t('settings.printer.port')}</span>
              <input type="text" dir="ltr" inputMode="numeric" value={draft.port} onChange={(e) => update('port', e.target.value)} {...fieldProps('port')} />
              {problem('port')}
            </label>
          </>
        ) : (
          <label className="field">
            <span>{t('settings.printer.deviceName')}</span>
            <select value={draft.deviceName} onChange={(e) => update('deviceName', e.target.value)} {...fieldProps('deviceName')}>
              <option value="">{t('settings.printer.chooseDevice')}</option>
              {[...new Set([...deviceNames, ...(draft.deviceName ? [draft.deviceName] : [])])].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            {deviceNames.length === 0 && <small className="hint">{t('settings.printer.hint.noDevices')}</small>}
            {problem('deviceName')}
          </label>
        )}
        <label className="field">
          <span>{t('settings.printer.paperWidth')}</span>
          <select value={draft.paperWidth} onChange={(e) => update('paperWidth', e.target.value as Draft['paperWidth'])} data-testid="printer-paperWidth">
            <option value="58">{t('settings.printer.paper.58')}</option>
            <option value="80">{t('settings.printer.paper.80')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('settings.printer.feedLines')}</span>
          <input type="text" dir="ltr" inputMode="numeric" value={draft.feedLines} onChange={(e) => update('feedLines', e.target.value)} {...fieldProps('feedLines')} />
          <small className="hint">{t('settings.printer.hint.feedLines')}</small>
          {problem('feedLines')}
        </label>
        <label className="field field-check">
          <input type="checkbox" checked={draft.autoPrint} onChange={(e) => update('autoPrint', e.target.checked)} data-testid="printer-autoPrint" />
          <span>{t('settings.printer.autoPrint')}</span>
        </label>
      </div>
      <SaveFooter error={save.error} saved={saved} pending={save.isPending} testId="printer" />
      {/* The test page is dots for a network thermal printer; an installed printer has its own in the system's printer settings. */}
      {draft.mode === 'raster' && (
        <TestPageButton
          unsaved={JSON.stringify(draft) !== JSON.stringify(toDraft(current.data!))}
          pending={testPage.isPending}
          onPrint={() => testPage.mutate({})}
          result={testPage.error ? errorText(t, testPage.error) : testPage.isSuccess ? t('settings.printer.testPagePrinted') : null}
          failed={testPage.error !== null}
        />
      )}
    </form>
  );
}

type TestPageProps = { unsaved: boolean; pending: boolean; onPrint(): void; result: string | null; failed: boolean };

function TestPageButton({ unsaved, pending, onPrint, result, failed }: TestPageProps) {
  const { t } = useTranslation();
  return (
    <div className="test-page">
      <button type="button" onClick={onPrint} disabled={pending || unsaved} data-testid="printer-test-page">
        {t('settings.printer.testPage')}
      </button>
      {unsaved && <small className="hint">{t('settings.printer.testPageSaveFirst')}</small>}
      {result && (
        <p className={failed ? 'error' : 'ok'} role={failed ? 'alert' : 'status'} data-testid="printer-test-page-result">
          {result}
        </p>
      )}
    </div>
  );
}
