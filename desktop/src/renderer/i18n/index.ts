import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko, type Messages } from './ko';

export const languages = ['ko', 'en'] as const;
export type Language = (typeof languages)[number];

/** Where the chosen language is remembered across visits. */
export const LANGUAGE_STORAGE_KEY = 'hamgaja.language';

export const resources = {
  ko: { translation: ko },
  en: { translation: en },
} satisfies Record<Language, { translation: Messages }>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The active language, narrowed to the ones we ship. */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : 'en';
}

/** Starts i18next: a saved choice wins, then the browser's languages (Korean browsers get Korean). */
export async function initI18n(options: { language?: Language } = {}): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    await i18n
      .use(LanguageDetector)
      .use(initReactI18next)
      .init({
        resources,
        lng: options.language,
        supportedLngs: [...languages],
        nonExplicitSupportedLngs: true,
        load: 'languageOnly',
        fallbackLng: 'en',
        interpolation: { escapeValue: false },
        returnNull: false,
        detection: {
          order: ['localStorage', 'navigator'],
          lookupLocalStorage: LANGUAGE_STORAGE_KEY,
          caches: ['localStorage'],
        },
      });
    const syncHtmlLang = () => {
      if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();
    };
    i18n.on('languageChanged', syncHtmlLang);
    syncHtmlLang();
  } else if (options.language) {
    await i18n.changeLanguage(options.language);
  }
  return i18n;
}

export { i18n };
