import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readSetting, writeSetting } from './lib/storage';

/**
 * One namespace per page (`locales/<language>/<page>.json`) so engineers working on different pages
 * never edit the same file; every namespace is found here by file name.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

export const languages = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '简体中文' },
] as const;

export type Language = (typeof languages)[number]['code'];

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(files)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match) continue;
  const [, language, namespace] = match as unknown as [string, string, string];
  resources[language] ??= {};
  resources[language][namespace] = module.default;
}

function initialLanguage(): Language {
  const saved = readSetting('language');
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyDocumentLanguage(language: string) {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}
applyDocumentLanguage(i18n.language);

export function setLanguage(language: Language): void {
  writeSetting('language', language);
  void i18n.changeLanguage(language);
  applyDocumentLanguage(language);
}

export default i18n;
