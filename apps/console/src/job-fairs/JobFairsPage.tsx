import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasAnyRole, useUser } from '../shared/auth';
import { useLanguage } from '../shared/i18n-helpers';
import { QueryError } from '../supervisor/common/QueryError';
import type { FairSummary } from './api-types';
import { CreateFairDialog } from './CreateFairDialog';
import { FairStatusTag, placeOf } from './FairTags';
import { useFairs } from './use-job-fairs';

const PAGE_SIZE = 20;

/** 巡回招聘会: the fairs of the user's area, latest first, each with its place by name and its results. */
export function JobFairsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const fairs = useFairs(page, PAGE_SIZE);

  const columns: ColumnsType<FairSummary> = [
    { title: t('fairs:list.heldOn'), dataIndex: 'heldOn' },
    {
      title: t('fairs:list.title_'),
      key: 'title',
      render: (_, fair) => <Link to={fair.id}>{fair.title}</Link>,
    },
    { title: t('fairs:list.place'), key: 'place', render: (_, fair) => placeOf(fair, language) },
    {
      title: t('fairs:list.status'),
      key: 'status',
      render: (_, fair) => <FairStatusTag status={fair.status} />,
    },
    {
      title: t('fairs:list.assistanceMonth'),
      key: 'month',
      render: (_, fair) =>
        fair.assistanceMonth ? <Tag color="red">{t('fairs:monthMenu')}</Tag> : t('fairs:list.no'),
    },
    {
      title: t('fairs:list.results'),
      key: 'results',
      render: (_, fair) => t('fairs:list.resultsLine', { ...fair.results }),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('fairs:list.title')}
        </Typography.Title>
        {hasAnyRole(user, ['supervisor', 'admin']) && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('fairs:list.create')}
          </Button>
        )}
      </Space>
      {fairs.isError && <QueryError error={fairs.error} onRetry={() => void fairs.refetch()} />}
      <Table<FairSummary>
        data-testid="fair-list"
        aria-label={t('fairs:list.tableLabel')}
        rowKey="id"
        size="middle"
        loading={fairs.isLoading}
        dataSource={fairs.data?.items ?? []}
        columns={columns}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: fairs.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
      />
      {creating && <CreateFairDialog onClose={() => setCreating(false)} />}
    </Space>
  );
}
