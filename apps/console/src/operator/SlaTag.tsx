import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaTone } from './format';

const COLOURS: Record<Exclude<SlaTone, 'stopped'>, string> = {
  breached: 'red',
  atRisk: 'gold',
  onTrack: 'blue',
  kept: 'green',
  waived: 'default',
  notApplicable: 'default',
};

/** The promise's standing as a coloured tag with words, so it does not rely on colour alone. */
export function SlaTag({ tone }: { tone: SlaTone }) {
  const { t } = useTranslation();
  if (tone === 'stopped') return null;
  return <Tag color={COLOURS[tone]}>{t(`operator:sla.tag.${tone}`)}</Tag>;
}
