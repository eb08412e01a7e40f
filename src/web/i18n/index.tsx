import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en } from './en';
import { type Catalogue, type MessageKey, zhCN } from './zh-CN';

export type { MessageKey } from './zh-CN';

/** The languages the UI speaks; zh-CN is the default. */
export type Lang = 'zh-CN' | 'en';

/** Values substituted for `{name}` placeholders. */
export type MessageVars = Record<string, string | number>;

/** Translates a key in the current language. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

const catalogues: Record<Lang, Catalogue> = { 'zh-CN': zhCN, en };
const storageKey = 'yanxiu.lang';

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLang(): Lang {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Fills `{name}` placeholders of a message. */
export function format(message: string, vars?: MessageVars): string {
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Holds the chosen language (persisted in localStorage) and its catalogue. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18nValue>(() => {
    const catalogue = catalogues[lang];
    return { lang, setLang, t: (key, vars) => format(catalogue[key] ?? key, vars) };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT must be used inside I18nProvider');
  return value;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and its setter. */
export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
}
