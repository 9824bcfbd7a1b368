import { Card, Col, Form, Radio, Row, Space, Statistic, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLanguage } from '../shared/i18n-helpers';
import { OrgUnitFilters, useOrgUnitFilter } from '../shared/OrgUnitFilters';
import { shanghaiDay } from '../shared/time';
import { QueryError } from '../supervisor/common/QueryError';
import type { EpisodeStatus, EpisodeSummary } from './api-types';
import { ClockTag, communityNameOf, DoubleTag, StatusTag } from './EpisodeTags';
import { clockStateOf, formatRate } from './household-rows';
import { useEpisodeBoard, useEpisodeKpis } from './use-households';

const PAGE_SIZE = 50;
const STATUS_FILTERS = ['all', 'open', 'resolved', 'closed'] as const;

/**
 * Zero-employment households of the user's area (零就业家庭援助): this month's figures on top, then the episodes
 * as the hotline orders them (overdue first, then the nearest due date); a row opens the household's page.
 */
export function HouseholdBoardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [status, setStatus] = useState<(typeof STATUS_FILTERS)[number]>('all');
  const [atRisk, setAtRisk] = useState(false);
  const [page, setPage] = useState(1);
  const units = useOrgUnitFilter(() => setPage(1));
  const board = useEpisodeBoard({
    status: status === 'all' ? undefined : (status as EpisodeStatus),
    atRisk,
    streetCode: units.streetCode,
    communityCode: units.communityCode,
    page,
    pageSize: PAGE_SIZE,
  });

  const columns: ColumnsType<EpisodeSummary> = [
    {
      title: t('households:board.community'),
      key: 'community',
      render: (_, episode) => communityNameOf(episode, language),
    },
    {
      title: t('households:board.foundOn'),
      dataIndex: 'foundAt',
      render: (foundAt: string) => shanghaiDay(new Date(foundAt)),
    },
    {
      title: t('households:board.dueDate'),
      dataIndex: 'dueDate',
      render: (dueDate: string | null) => dueDate ?? '—',
    },
    {
      title: t('households:board.clock'),
      key: 'clock',
      render: (_, episode) => <ClockTag episode={episode} />,
    },
    {
      title: t('households:board.state'),
      key: 'status',
      render: (_, episode) => <StatusTag episode={episode} />,
    },
    {
      title: t('households:board.helper'),
      key: 'helper',
      render: (_, episode) =>
        episode.helperName ??
        episode.helper ?? (
          <Typography.Text type="secondary">{t('households:board.notAssigned')}</Typography.Text>
        ),
    },
    { title: t('households:board.employedMembers'), dataIndex: 'employedMembers' },
    {
      title: t('households:board.doubleEmployment'),
      key: 'double',
      render: (_, episode) => <DoubleTag episode={episode} />,
    },
    {
      title: '',
      key: 'open',
      render: (_, episode) => (
        <Link
          to={encodeURIComponent(episode.episodeId)}
          aria-label={t('households:board.openEpisode', { community: communityNameOf(episode, language) })}
        >
          {t('households:board.open')}
        </Link>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('households:board.title')}
      </Typography.Title>
      <KpiStrip />
      <Card size="small">
        <Form layout="inline" aria-label={t('households:board.filters')}>
          <Form.Item label={t('households:board.statusFilter')}>
            <Radio.Group
              optionType="button"
              value={status}
              onChange={(event) => {
                setStatus(event.target.value as typeof status);
                setPage(1);
              }}
              options={STATUS_FILTERS.map((value) => ({
                value,
                label: value === 'all' ? t('households:board.allStatuses') : t(`households:status.${value}`),
              }))}
            />
          </Form.Item>
          <OrgUnitFilters
            filter={units}
            idPrefix="households"
            labels={{
              district: t('households:board.district'),
              street: t('households:board.street'),
              community: t('households:board.community'),
              allUnits: t('households:board.allUnits'),
            }}
          />
          <Form.Item label={t('households:board.atRisk')} htmlFor="households-at-risk">
            <Switch
              id="households-at-risk"
              checked={atRisk}
              onChange={(checked) => {
                setAtRisk(checked);
                setPage(1);
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      {board.isError && <QueryError error={board.error} onRetry={() => void board.refetch()} />}
      <Table<EpisodeSummary>
        data-testid="household-board"
        aria-label={t('households:board.tableLabel')}
        rowKey="episodeId"
        size="small"
        loading={board.isLoading}
        columns={columns}
        dataSource={board.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onRow={(episode) =>
          ({
            'data-testid': `household-row-${episode.householdId}`,
            'data-clock': clockStateOf(episode),
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: board.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('households:board.total', { n: total }),
          onChange: setPage,
        }}
        locale={{ emptyText: t('households:board.empty') }}
      />
    </Space>
  );
}

/** This month's figures: found, solved in 20 days, double employment in a month, stable at 6 months, at zero now. */
function KpiStrip() {
  const { t } = useTranslation();
  const kpis = useEpisodeKpis();
  if (kpis.isError) return <QueryError error={kpis.error} onRetry={() => void kpis.refetch()} />;
  const k = kpis.data;
  const figures = [
    {
      key: 'found',
      title: t('households:kpis.found'),
      value: k ? t('households:kpis.households', { n: k.found }) : '—',
    },
    {
      key: 'solved',
      title: t('households:kpis.solvedInTime'),
      value: k ? formatRate(k.solvedInTimeRate) : '—',
    },
    {
      key: 'double',
      title: t('households:kpis.doubleInTime'),
      value: k ? formatRate(k.doubleInTimeRate) : '—',
    },
    { key: 'stable', title: t('households:kpis.stable'), value: k ? formatRate(k.stableRate) : '—' },
  ];
  return (
    <Card
      size="small"
      loading={kpis.isLoading}
      data-testid="household-kpis"
      title={
        <Space>
          {t('households:kpis.label')}
          {k && (
            <Typography.Text type="secondary">
              {t('households:kpis.period', { from: k.from, to: k.to })}
            </Typography.Text>
          )}
        </Space>
      }
    >
      <Row gutter={16}>
        {figures.map((figure) => (
          <Col key={figure.key} xs={12} md={8} xl={4}>
            <Statistic title={figure.title} value={figure.value} />
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Statistic
            title={t('households:kpis.atZeroNow')}
            value={k ? t('households:kpis.households', { n: k.atZeroNow }) : '—'}
            styles={k && k.atZeroNow > 0 ? { content: { color: '#cf1322' } } : undefined}
          />
          <Typography.Text type="secondary">{t('households:kpis.atZeroNowHint')}</Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}
