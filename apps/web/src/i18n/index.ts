import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];
const LANGUAGE_KEY = 'sx.language';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANGUAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  resources: { 'zh-CN': { translation: { common: common.zh } }, en: { translation: { common: common.en } } },
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** What the API is asked to answer in (Accept-Language); Chinese unless the user switched. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

type Dict = { [key: string]: string | Dict };

/**
 * Each area of the app brings its own texts under its own key (`t('vendor.recommendations.title')`),
 * so areas never edit one shared file.
 */
export function registerMessages(area: string, messages: { zh: Dict; en: Dict }): void {
  i18n.addResourceBundle('zh-CN', 'translation', { [area]: messages.zh }, true, true);
  i18n.addResourceBundle('en', 'translation', { [area]: messages.en }, true, true);
}

export default i18n;
