import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Descriptions, Drawer, Flex, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import { referralHistory, type EmployerReferral, type HistoryState } from './referral-model';
import { ReferralStatusTag } from './ReferralStatusTag';

const STATE_LOOK: Record<HistoryState, { color: string; icon: ReactNode }> = {
  done: { color: 'green', icon: <CheckCircleOutlined /> },
  failed: { color: 'red', icon: <CloseCircleOutlined /> },
  current: { color: 'blue', icon: <SyncOutlined /> },
  waiting: { color: 'gray', icon: <ClockCircleOutlined /> },
};

/** The candidate as an employer may see them, and the referral's path so far. */
export function ReferralDetail({ referral, onClose }: { referral: EmployerReferral; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { candidate } = referral;

  return (
    <Drawer
      open
      size={560}
      title={t('employer:referral.detailTitle', { name: candidate.name })}
      onClose={onClose}
    >
      <Flex vertical gap={24} data-testid="referral-detail">
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'vacancy', label: t('employer:referral.vacancy'), children: referral.vacancyTitle },
            {
              key: 'status',
              label: t('employer:referral.status'),
              children: <ReferralStatusTag status={referral.status} />,
            },
            { key: 'name', label: t('employer:referral.name'), children: candidate.name },
            { key: 'phone', label: t('employer:referral.maskedPhone'), children: candidate.maskedPhone },
            {
              key: 'skills',
              label: t('employer:referral.skills'),
              children: candidate.skills.length ? (
                <Flex wrap gap={4}>
                  {candidate.skills.map((skill) => (
                    <Tag key={skill}>{skill}</Tag>
                  ))}
                </Flex>
              ) : (
                '—'
              ),
            },
            {
              key: 'respondBy',
              label: t('employer:referral.respondBy'),
              children: formatInstant(referral.respondBy, language),
            },
          ]}
        />
        <section aria-labelledby="referral-history-heading">
          <Typography.Title level={3} id="referral-history-heading" style={{ fontSize: 16 }}>
            {t('employer:history.heading')}
          </Typography.Title>
          <Timeline
            data-testid="referral-history"
            items={referralHistory(referral).map((entry) => ({
              key: entry.step,
              color: STATE_LOOK[entry.state].color,
              icon: STATE_LOOK[entry.state].icon,
              title: t(`employer:history.${entry.step}`),
              content: (
                <Flex vertical>
                  <Typography.Text>
                    {entry.outcome
                      ? t(`employer:referralStatus.${entry.outcome}`)
                      : t(`employer:history.state.${entry.state}`)}
                  </Typography.Text>
                  {entry.at && (
                    <Typography.Text type="secondary">
                      {entry.day ? entry.at : formatInstant(entry.at, language)}
                    </Typography.Text>
                  )}
                  {entry.reason && (
                    <Typography.Text type="secondary">
                      {t('employer:history.reason', { reason: localized(entry.reason, language) })}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            }))}
          />
          <Typography.Paragraph type="secondary">{t('employer:history.note')}</Typography.Paragraph>
        </section>
      </Flex>
    </Drawer>
  );
}
