import { Alert, App, Button, Empty, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import { DeclineReferralDialog } from './DeclineReferralDialog';
import {
  employerActions,
  REFERRAL_STATUSES,
  type EmployerReferral,
  type ReferralStatus,
} from './referral-model';
import { ReferralDetail } from './ReferralDetail';
import { ReferralStatusTag } from './ReferralStatusTag';
import { StartReferralDialog } from './StartReferralDialog';
import { REFERRALS_PAGE_SIZE, useDecideReferral, useReferrals } from './use-referrals';

type StatusFilter = ReferralStatus | 'all';
/** The one dialog or drawer open at a time, with its referral. */
type Open = { kind: 'detail' | 'decline' | 'start'; referral: EmployerReferral } | null;

/** 待处理推荐: candidates the hotline referred to this employer's vacancies; refreshed every 15 s. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('proposed');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Open>(null);
  const referrals = useReferrals(status === 'all' ? undefined : status, page);
  const decide = useDecideReferral();

  const accept = (referral: EmployerReferral) =>
    decide.mutate(
      { action: 'accept', id: referral.id },
      {
        onSuccess: () =>
          void message.success(t('employer:referral.accepted', { name: referral.candidate.name })),
        onError: (error) => void message.error(errorMessage(error, language)),
      },
    );

  const columns: ColumnsType<EmployerReferral> = [
    {
      title: t('employer:referral.candidate'),
      key: 'candidate',
      render: (_, referral) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{referral.candidate.name}</Typography.Text>
          <Typography.Text type="secondary">{referral.candidate.maskedPhone}</Typography.Text>
        </Space>
      ),
    },
    { title: t('employer:referral.vacancy'), dataIndex: 'vacancyTitle' },
    {
      title: t('employer:referral.skills'),
      key: 'skills',
      render: (_, referral) => (
        <Flex wrap gap={4}>
          {referral.candidate.skills.map((skill) => (
            <Tag key={skill}>{skill}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('employer:referral.status'),
      dataIndex: 'status',
      render: (value: ReferralStatus) => <ReferralStatusTag status={value} />,
    },
    {
      title: t('employer:referral.respondBy'),
      dataIndex: 'respondBy',
      render: (value: string | null) => formatInstant(value, language),
    },
    {
      title: t('employer:referral.createdAt'),
      dataIndex: 'createdAt',
      render: (value: string) => formatInstant(value, language),
    },
    {
      title: t('employer:actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, referral) => (
        <Flex wrap gap={8}>
          <Button
            size="small"
            onClick={() => setOpen({ kind: 'detail', referral })}
            data-testid={`referral-detail-${referral.id}`}
          >
            {t('employer:referral.details')}
          </Button>
          {employerActions(referral.status).map((action) =>
            action === 'accept' ? (
              <Popconfirm
                key={action}
                title={t('employer:referral.acceptConfirm', { name: referral.candidate.name })}
                description={t('employer:referral.acceptConfirmDetail')}
                okText={t('employer:referral.accept')}
                cancelText={t('common:cancel')}
                onConfirm={() => accept(referral)}
              >
                <Button size="small" type="primary" data-testid={`referral-accept-${referral.id}`}>
                  {t('employer:referral.accept')}
                </Button>
              </Popconfirm>
            ) : (
              <Button
                key={action}
                size="small"
                danger={action === 'decline'}
                type={action === 'start' ? 'primary' : 'default'}
                onClick={() => setOpen({ kind: action, referral })}
                data-testid={`referral-${action}-${referral.id}`}
              >
                {t(`employer:referral.${action}`)}
              </Button>
            ),
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('employer:referrals.heading')}
      </Typography.Title>
      <Flex align="center" gap={8} wrap>
        <label htmlFor="employer-referral-status">{t('employer:referrals.statusFilter')}</label>
        <Select<StatusFilter>
          id="employer-referral-status"
          style={{ width: 200 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={[
            ...REFERRAL_STATUSES.map((value) => ({ value, label: t(`employer:referralStatus.${value}`) })),
            { value: 'all', label: t('employer:all') },
          ]}
        />
        <Typography.Text type="secondary" aria-live="polite">
          {t('employer:referrals.refreshed', {
            at: referrals.dataUpdatedAt
              ? formatInstant(new Date(referrals.dataUpdatedAt).toISOString(), language)
              : '—',
          })}
        </Typography.Text>
      </Flex>
      {referrals.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(referrals.error, language)}
          action={<Button onClick={() => void referrals.refetch()}>{t('common:retry')}</Button>}
        />
      )}
      <Table<EmployerReferral>
        data-testid="referrals-table"
        aria-label={t('employer:referrals.heading')}
        rowKey="id"
        columns={columns}
        dataSource={referrals.data?.items}
        loading={referrals.isLoading}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: (
            <Empty
              description={
                <Flex vertical>
                  <span>
                    {t(status === 'all' ? 'employer:referrals.emptyAll' : 'employer:referrals.empty')}
                  </span>
                  <Typography.Text type="secondary">{t('employer:referrals.emptyHelp')}</Typography.Text>
                </Flex>
              }
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: REFERRALS_PAGE_SIZE,
          total: referrals.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
      />
      {open?.kind === 'detail' && <ReferralDetail referral={open.referral} onClose={() => setOpen(null)} />}
      {open?.kind === 'decline' && (
        <DeclineReferralDialog referral={open.referral} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'start' && (
        <StartReferralDialog referral={open.referral} onClose={() => setOpen(null)} />
      )}
    </Space>
  );
}
