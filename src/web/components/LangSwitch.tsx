import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLang, useT } from '../i18n';

/** Toggles between Chinese and English; the choice is kept in localStorage. */
export function LangSwitch({ ghost = false }: { ghost?: boolean }) {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <Button
      type={ghost ? 'default' : 'text'}
      ghost={ghost}
      icon={<GlobalOutlined />}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      data-testid="lang-switch"
    >
      {t('lang.switchTo')}
    </Button>
  );
}
