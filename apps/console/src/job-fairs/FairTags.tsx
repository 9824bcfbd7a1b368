import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../shared/i18n-helpers';
import type { FairStatus, FairSummary } from './api-types';

const COLORS: Record<FairStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

export function FairStatusTag({ status }: { status: FairStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`fairs:status.${status}`)}</Tag>;
}

/** The unit by name and the venue: never a code. */
export function placeOf(
  fair: Pick<FairSummary, 'unitName' | 'unitNameEn' | 'venue'>,
  language: Language,
): string {
  const unit = language === 'en' ? (fair.unitNameEn ?? fair.unitName) : fair.unitName;
  return `${unit} · ${fair.venue}`;
}
