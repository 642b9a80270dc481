// i18next with Arabic as the reference catalogue and English second. Each file under
// locales/<lang>/<name>.json becomes the top-level key <name> (errors.json → `errors.*`), so a feature
// owns its own file. Dotted keys inside a file are expanded, so `"provider.timeout"` and
// `{ "provider": { "timeout" } }` mean the same. <html dir/lang> follow every language change.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { DigitStyle, Language } from '../../shared/settings';
import { DIGITS_POST_PROCESSOR, digitsPostProcessor, setDigitStyle } from './digits';

type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<{ default: Tree }>('./locales/*/*.json', { eager: true });

export function expandDottedKeys(tree: Tree): Tree {
  const out: Tree = {};
  for (const [key, value] of Object.entries(tree)) {
    const parts = key.split('.');
    let cursor = out;
    for (const part of parts.slice(0, -1)) {
      const next = cursor[part];
      cursor = (cursor[part] = typeof next === 'object' ? next : {}) as Tree;
    }
    const leaf = parts[parts.length - 1]!;
    const expanded = typeof value === 'string' ? value : expandDottedKeys(value);
    const existing = cursor[leaf];
    cursor[leaf] = typeof existing === 'object' && typeof expanded === 'object' ? { ...existing, ...expanded } : expanded;
  }
  return out;
}

export function catalogue(language: Language): Tree {
  const tree: Tree = {};
  for (const [path, module] of Object.entries(files)) {
    const match = /\.\/locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
    if (match && match[1] === language) tree[match[2]!] = expandDottedKeys(module.default);
  }
  return tree;
}

export function applyDocumentLanguage(i18n: I18n): void {
  document.documentElement.lang = i18n.language;
  document.documentElement.dir = i18n.dir(i18n.language);
}

export async function createI18n(language: Language, digitStyle: DigitStyle = 'western'): Promise<I18n> {
  const instance = i18next.createInstance();
  setDigitStyle(instance, digitStyle);
  instance.use(initReactI18next);
  instance.use(digitsPostProcessor);
  instance.on('languageChanged', () => applyDocumentLanguage(instance));
  await instance.init({
    lng: language,
    fallbackLng: 'ar',
    supportedLngs: ['ar', 'en'],
    resources: { ar: { translation: catalogue('ar') }, en: { translation: catalogue('en') } },
    interpolation: { escapeValue: false },
    returnNull: false,
    postProcess: [DIGITS_POST_PROCESSOR],
  });
  applyDocumentLanguage(instance);
  return instance;
}
