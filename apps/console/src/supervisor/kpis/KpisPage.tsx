import { Card, Col, DatePicker, Form, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../shared/auth';
import { useLanguage } from '../../shared/i18n-helpers';
import { shanghaiDay } from '../../shared/time';
import { QueryError } from '../common/QueryError';
import { unitName } from '../../shared/org-units';
import { formatDays, formatPercent, type Kpis, type UnitKpis } from './kpi-data';
import { DeclineReasonsCard } from './DeclineReasonsCard';
import { KpiCharts } from './KpiCharts';
import { useOwnUnitOptions } from '../common/unit-options';
import { useKpis, useWeeklyKpis } from './useKpis';

const MAX_PERIOD_DAYS = 371;

const DAY = 'YYYY-MM-DD';
type ChildRow = UnitKpis['children'][number];

/** The default period: this month and the two before it, enough weeks for the trend charts. */
function defaultPeriod(): [Dayjs, Dayjs] {
  const today = dayjs(shanghaiDay());
  return [today.subtract(2, 'month').startOf('month'), today];
}

/** KPIs of the user's unit or one of its children over a period: cards, charts and a per-child table. */
export function KpisPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [unit, setUnit] = useState(user.orgCode);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(defaultPeriod);
  const period = { unit, from: range[0].format(DAY), to: range[1].format(DAY) };
  const kpis = useKpis(period);
  const weekly = useWeeklyKpis(period);

  const unitOptions = useOwnUnitOptions();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('supervisor:kpis.title')}
      </Typography.Title>
      <Card size="small">
        <Form layout="inline" aria-label={t('supervisor:kpis.filters')}>
          <Form.Item label={t('supervisor:kpis.unit')} htmlFor="kpi-unit">
            <Select
              id="kpi-unit"
              style={{ width: 240 }}
              value={unit}
              options={unitOptions}
              onChange={setUnit}
            />
          </Form.Item>
          <Form.Item label={t('supervisor:kpis.period')} htmlFor="kpi-period">
            {/* The item's label names the first input; the second gets its own, read by screen readers only. */}
            <label htmlFor="kpi-period-end" className="visually-hidden">
              {t('supervisor:kpis.periodEnd')}
            </label>
            <DatePicker.RangePicker
              id={{ start: 'kpi-period', end: 'kpi-period-end' }}
              value={range}
              allowClear={false}
              // Not beyond today, and at most the 371 days the weekly series answers for.
              disabledDate={(day, { from }) =>
                day.isAfter(dayjs(shanghaiDay()), 'day') ||
                (!!from && Math.abs(day.diff(from, 'day')) >= MAX_PERIOD_DAYS)
              }
              onChange={(next) => {
                if (next?.[0] && next[1]) setRange([next[0], next[1]]);
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      {kpis.isError && <QueryError error={kpis.error} onRetry={() => void kpis.refetch()} />}
      <KpiCards kpis={kpis.data?.total} loading={kpis.isLoading} />
      <KpiCharts total={kpis.data?.total} weekly={weekly} />
      <DeclineReasonsCard period={period} />
      <ChildTable data={kpis.data} loading={kpis.isLoading} />
    </Space>
  );
}

const CARD_KEYS = [
  'opened',
  'placedWithinSla',
  'median',
  'welfare',
  'base',
  'breaches',
  'callbacks',
  'satisfaction',
] as const;

function cardValue(
  key: (typeof CARD_KEYS)[number],
  kpis: Kpis,
  answers: (n: number) => string,
): { value: string | number; suffix?: string } {
  switch (key) {
    case 'opened':
      return { value: kpis.opened };
    case 'placedWithinSla':
      return { value: kpis.placedWithinSla.count, suffix: formatPercent(kpis.placedWithinSla.percent) };
    case 'median':
      return { value: formatDays(kpis.medianWorkingDaysToPlacement) };
    case 'welfare':
      return { value: kpis.escalations.welfare_slot };
    case 'base':
      return { value: kpis.escalations.assistance_base };
    case 'breaches':
      return { value: kpis.breaches };
    case 'callbacks':
      return { value: kpis.callbacksDone };
    case 'satisfaction':
      return {
        value: kpis.satisfaction.mean === null ? '—' : kpis.satisfaction.mean.toFixed(2),
        suffix: answers(kpis.satisfaction.n),
      };
  }
}

function KpiCards({ kpis, loading }: { kpis: Kpis | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const answers = (count: number) => t('supervisor:kpis.answers', { n: count });
  return (
    <Row gutter={[12, 12]} data-testid="kpi-cards">
      {CARD_KEYS.map((key) => {
        const card = kpis ? cardValue(key, kpis, answers) : { value: '—' };
        return (
          <Col key={key} xs={12} md={6} xl={3}>
            <Card size="small" loading={loading} data-testid={`kpi-${key}`} style={{ height: '100%' }}>
              <Statistic
                title={t(`supervisor:kpis.cards.${key}`)}
                value={card.value}
                suffix={card.suffix && <Typography.Text type="secondary">{card.suffix}</Typography.Text>}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function ChildTable({ data, loading }: { data: UnitKpis | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: ColumnsType<ChildRow> = [
    { title: t('supervisor:kpis.unit'), key: 'unit', render: (_, row) => unitName(row.unit, language) },
    { title: t('supervisor:kpis.cards.opened'), dataIndex: 'opened', align: 'right' },
    {
      title: t('supervisor:kpis.cards.placedWithinSla'),
      key: 'placed',
      align: 'right',
      render: (_, row) => `${row.placedWithinSla.count} (${formatPercent(row.placedWithinSla.percent)})`,
    },
    {
      title: t('supervisor:kpis.cards.median'),
      key: 'median',
      align: 'right',
      render: (_, row) => formatDays(row.medianWorkingDaysToPlacement),
    },
    {
      title: t('supervisor:kpis.cards.welfare'),
      key: 'welfare',
      align: 'right',
      render: (_, row) => row.escalations.welfare_slot,
    },
    {
      title: t('supervisor:kpis.cards.base'),
      key: 'base',
      align: 'right',
      render: (_, row) => row.escalations.assistance_base,
    },
    { title: t('supervisor:kpis.cards.breaches'), dataIndex: 'breaches', align: 'right' },
    { title: t('supervisor:kpis.cards.callbacks'), dataIndex: 'callbacksDone', align: 'right' },
    {
      title: t('supervisor:kpis.cards.satisfaction'),
      key: 'satisfaction',
      align: 'right',
      render: (_, row) =>
        row.satisfaction.mean === null
          ? '—'
          : `${row.satisfaction.mean.toFixed(2)} (n=${row.satisfaction.n})`,
    },
  ];
  return (
    <Card title={t('supervisor:kpis.childrenTitle')} size="small">
      <Table<ChildRow>
        aria-label={t('supervisor:kpis.childrenTitle')}
        data-testid="kpi-children"
        rowKey={(row) => row.unit.code}
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.children ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('supervisor:kpis.noChildren') }}
      />
    </Card>
  );
}
