import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Dictionary, dictionaries, type Language } from './dictionary';

/** Only the language choice is kept in the browser: it is no secret. */
const STORAGE_KEY = 'campus-care-console-language';

interface LanguageContextValue {
  language: Language;
  text: Dictionary;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

function storedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);
  const value = useMemo(() => ({ language, text: dictionaries[language], setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

function useLanguageContext(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useText outside LanguageProvider');
  return value;
}

/** The dictionary in the chosen language: `const text = useText(); text.common.save`. */
export function useText(): Dictionary {
  return useLanguageContext().text;
}

export function useLanguage(): Pick<LanguageContextValue, 'language' | 'setLanguage'> {
  const { language, setLanguage } = useLanguageContext();
  return { language, setLanguage };
}
