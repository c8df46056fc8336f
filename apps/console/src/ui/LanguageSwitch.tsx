import { useLanguage, useText } from '../i18n/language';

export function LanguageSwitch() {
  const text = useText();
  const { language, setLanguage } = useLanguage();
  const other = language === 'zh' ? 'en' : 'zh';
  return (
    <button type="button" className="link-button" lang={other === 'en' ? 'en' : 'zh-CN'} onClick={() => setLanguage(other)}>
      {text.common.language}
    </button>
  );
}
