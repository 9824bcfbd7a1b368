import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaTone } from './format';

/** The clock's standing as a coloured tag with words, so it does not rely on colour alone. */
export function SlaTag({ tone }: { tone: SlaTone }) {
  const { t } = useTranslation();
  if (tone === 'breached') return <Tag color="red">{t('operator:sla.breached')}</Tag>;
  if (tone === 'atRisk') return <Tag color="gold">{t('operator:sla.atRisk')}</Tag>;
  if (tone === 'onTrack') return <Tag color="green">{t('operator:sla.onTrack')}</Tag>;
  return null;
}
