import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus } from './referral-model';

const COLOR: Record<ReferralStatus, string> = {
  proposed: 'gold',
  employer_accepted: 'blue',
  employer_declined: 'default',
  person_accepted: 'purple',
  person_declined: 'default',
  started: 'green',
  ended: 'default',
  expired: 'red',
};

export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]}>{t(`employer:referralStatus.${status}`)}</Tag>;
}
