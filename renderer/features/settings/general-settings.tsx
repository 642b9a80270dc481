// The owner's general settings as one form. Every value is checked with the same zod schema the
// main process uses before it is sent, and each refusal is shown beside its field in the owner's
// language; whatever the main process still refuses is shown by its error code.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MINOR_PER_MAJOR, parseDecimalToMinor } from '../../../shared/money';
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../../shared/settings';
import { useChannelMutation } from '../../ipc/client';
import { fieldErrors } from './field-errors';
import { SaveFooter } from './save-footer';
import { typedInteger } from './typed-integer';

type Draft = Record<string, string | boolean>;
type TextField = { key: string; kind: 'text' | 'textarea' | 'number' | 'url' };

const TEXT_FIELDS: TextField[] = [
  { key: 'shopName', kind: 'text' },
  { key: 'receiptHeader', kind: 'textarea' },
  { key: 'receiptFooter', kind: 'textarea' },
  { key: 'counterNumber', kind: 'number' },
  { key: 'lowBalanceThreshold', kind: 'number' },
  { key: 'duplicateWindowMinutes', kind: 'number' },
  { key: 'webhookPort', kind: 'number' },
  { key: 'backupEveryHours', kind: 'number' },
  { key: 'backupKeep', kind: 'number' },
  { key: 'alqimahUrl', kind: 'url' },
  { key: 'wetaUrl', kind: 'url' },
  { key: 'webhookPublicUrl', kind: 'url' },
];

function toDraft(s: Settings): Draft {
  return {
    shopName: s.shopName,
    receiptHeader: s.receiptHeader,
    receiptFooter: s.receiptFooter,
    counterNumber: String(s.counterNumber),
    lowBalanceThreshold: String(s.lowBalanceThreshold / MINOR_PER_MAJOR),
    duplicateWindowMinutes: String(s.duplicateWindowMinutes),
    webhookPort: String(s.webhookPort),
    backupEveryHours: String(s.backupEveryHours),
    backupKeep: String(s.backupKeep),
    alqimahUrl: s.providerUrls.alqimah,
    wetaUrl: s.providerUrls.weta,
    webhookPublicUrl: s.webhookPublicUrl,
    language: s.language,
    digitStyle: s.digitStyle,
    webhookEnabled: s.webhookEnabled,
  };
}

function toPatch(d: Draft): Record<string, unknown> {
  const threshold = parseDecimalToMinor(String(d.lowBalanceThreshold).trim());
  return {
    shopName: d.shopName,
    receiptHeader: d.receiptHeader,
    receiptFooter: d.receiptFooter,
    counterNumber: typedInteger(String(d.counterNumber)),
    lowBalanceThreshold: threshold ?? Number.NaN,
    duplicateWindowMinutes: typedInteger(String(d.duplicateWindowMinutes)),
    webhookPort: typedInteger(String(d.webhookPort)),
    backupEveryHours: typedInteger(String(d.backupEveryHours)),
    backupKeep: typedInteger(String(d.backupKeep)),
    providerUrls: { alqimah: String(d.alqimahUrl).trim(), weta: String(d.wetaUrl).trim() },
    webhookPublicUrl: String(d.webhookPublicUrl).trim(),
    language: d.language,
    digitStyle: d.digitStyle,
    webhookEnabled: d.webhookEnabled,
  };
}

/** The form field a schema issue belongs to. */
function fieldOf(path: PropertyKey[]): string {
  if (path[0] === 'providerUrls') return `${String(path[1])}Url`;
  return String(path[0]);
}

export function GeneralSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useChannelMutation('settings.set', ['settings.get']);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(toDraft(settings)), [settings]);

  function update(key: string, value: string | boolean) {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = settingsPatchSchema.strict().safeParse(toPatch(draft));
    if (!parsed.success) {
      // Numbers and addresses have one rule each, worded per field; free text can break more than
      // one (too long, control characters), so its words name the rule it broke.
      const words = fieldErrors(t, parsed.error, fieldOf);
      const kindOf = (key: string) => TEXT_FIELDS.find((f) => f.key === key)?.kind;
      setInvalid(
        Object.fromEntries(Object.entries(words).map(([key, text]) => [key, kindOf(key) === 'text' || kindOf(key) === 'textarea' ? text : t(`settings.invalid.${key}`)])),
      );
      return;
    }
    setInvalid({});
    save.mutate(parsed.data as SettingsPatch, { onSuccess: () => setSaved(true) });
  }

  const select = (key: string, options: readonly string[]) => (
    <label className="field">
      <span>{t(`settings.field.${key}`)}</span>
      <select value={String(draft[key])} onChange={(e) => update(key, e.target.value)} data-testid={`setting-${key}`}>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`settings.option.${key}.${o}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form className="card settings-form" onSubmit={submit} noValidate data-testid="general-settings">
      <h2>{t('settings.general.title')}</h2>
      <div className="settings-grid">
        {TEXT_FIELDS.map(({ key, kind }) => {
          const props = {
            value: String(draft[key]),
            onChange: (e: { target: { value: string } }) => update(key, e.target.value),
            'aria-invalid': invalid[key] ? true : undefined,
            'aria-describedby': invalid[key] ? `invalid-${key}` : undefined,
            'data-testid': `setting-${key}`,
          };
          return (
            <label key={key} className={`field${kind === 'textarea' ? ' field-wide' : ''}`}>
              <span>{t(`settings.field.${key}`)}</span>
              {kind === 'textarea' ? (
                <textarea rows={2} {...props} />
              ) : (
                <input type="text" inputMode={kind === 'number' ? 'numeric' : kind === 'url' ? 'url' : 'text'} dir={kind === 'text' ? undefined : 'ltr'} {...props} />
              )}
              <small className="hint">{t(`settings.hint.${key}`)}</small>
              {invalid[key] && (
                <small className="error" id={`invalid-${key}`} role="alert" data-testid={`invalid-${key}`}>
                  {invalid[key]}
                </small>
              )}
            </label>
          );
        })}
        {select('language', ['ar', 'en'])}
        {select('digitStyle', ['arabic', 'western'])}
        <label className="field field-check">
          <input type="checkbox" checked={Boolean(draft.webhookEnabled)} onChange={(e) => update('webhookEnabled', e.target.checked)} data-testid="setting-webhookEnabled" />
          <span>{t('settings.field.webhookEnabled')}</span>
        </label>
      </div>
      <SaveFooter error={save.error} saved={saved} pending={save.isPending} testId="settings" />
    </form>
  );
}
