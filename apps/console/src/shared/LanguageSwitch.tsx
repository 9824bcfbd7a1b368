import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from './i18n-helpers';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const language = useLanguage();
  return (
    <Segmented
      aria-label={t('common:language')}
      size="small"
      value={language}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(value) => void i18n.changeLanguage(value)}
    />
  );
}
