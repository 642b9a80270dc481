// What the owner reads when the app cannot start: one dialog, in the computer's language (Arabic
// unless it is English), from the same catalogues the screens use. It needs nothing that might be
// what failed: no database, no settings, no log file.
import type { AppError } from '../shared/result';
import arApp from '../renderer/i18n/locales/ar/app.json';
import arErrors from '../renderer/i18n/locales/ar/errors.json';
import enApp from '../renderer/i18n/locales/en/app.json';
import enErrors from '../renderer/i18n/locales/en/errors.json';

const catalogues = { ar: { app: arApp, errors: arErrors }, en: { app: enApp, errors: enErrors } };

export function startFailureText(error: AppError, locale: string): { title: string; content: string } {
  const catalogue = catalogues[locale.toLowerCase().startsWith('en') ? 'en' : 'ar'];
  const known = lookup(catalogue.errors, error.code);
  const content = known
    ? interpolate(known, error.params ?? {})
    : interpolate(catalogue.errors.app.start_failed, { detail: `${error.code}: ${error.message}` });
  return { title: catalogue.app.title, content };
}

function lookup(tree: unknown, code: string): string | null {
  const found = code.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
  return typeof found === 'string' ? found : null;
}

function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
