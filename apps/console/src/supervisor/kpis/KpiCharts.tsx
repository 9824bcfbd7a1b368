import { Card, Col, Row, Spin, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { EChart } from '../common/EChart';
import { QueryError } from '../common/QueryError';
import { type Kpis, peakWeek, type WeeklyPoint, weeklyBreaches, weeklyPlacements } from './kpi-data';

interface KpiChartsProps {
  total: Kpis | undefined;
  weekly: { data?: WeeklyPoint[]; isLoading: boolean; error: unknown };
}

/** The three charts of the KPI page, each with an aria-label and a text summary below it. */
export function KpiCharts({ total, weekly }: KpiChartsProps) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <WeeklyPlacementsChart weekly={weekly} />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <EscalationsChart total={total} />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <BreachesChart weekly={weekly} />
      </Col>
    </Row>
  );
}

function WeeklyState({ weekly, children }: { weekly: KpiChartsProps['weekly']; children: () => ReactNode }) {
  const { t } = useTranslation();
  if (weekly.isLoading) return <Spin description={t('common:loading')} />;
  if (weekly.error) return <QueryError error={weekly.error} />;
  return <>{children()}</>;
}

function WeeklyPlacementsChart({ weekly }: { weekly: KpiChartsProps['weekly'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = useMemo(() => weeklyPlacements(weekly.data ?? [], language), [weekly.data, language]);
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: data.weeks },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.districts.map((district) => ({
        type: 'bar',
        stack: 'placed',
        name: district.name,
        data: district.values,
      })),
    }),
    [data],
  );
  const total = data.districts.reduce((sum, d) => sum + d.values.reduce((a, b) => a + b, 0), 0);
  return (
    <Card title={t('supervisor:kpis.weeklyTitle')} size="small">
      <WeeklyState weekly={weekly}>
        {() => (
          <>
            <EChart option={option} ariaLabel={t('supervisor:kpis.weeklyTitle')} testId="chart-weekly" />
            <Typography.Paragraph type="secondary">
              {data.weeks.length
                ? t('supervisor:kpis.weeklySummary', {
                    total,
                    weeks: data.weeks.length,
                    districts: data.districts.length,
                  })
                : t('supervisor:kpis.noWeeks')}
            </Typography.Paragraph>
          </>
        )}
      </WeeklyState>
    </Card>
  );
}

function EscalationsChart({ total }: { total: Kpis | undefined }) {
  const { t } = useTranslation();
  const welfare = total?.escalations.welfare_slot ?? 0;
  const base = total?.escalations.assistance_base ?? 0;
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          // With no escalation at all, an empty ring rather than two equal halves.
          stillShowZeroSum: false,
          label: { show: welfare + base > 0 },
          labelLine: { show: welfare + base > 0 },
          data: [
            { name: t('common:escalationKind.welfare_slot'), value: welfare },
            { name: t('common:escalationKind.assistance_base'), value: base },
          ],
        },
      ],
    }),
    [t, welfare, base],
  );
  return (
    <Card title={t('supervisor:kpis.escalationsTitle')} size="small">
      <EChart option={option} ariaLabel={t('supervisor:kpis.escalationsTitle')} testId="chart-escalations" />
      <Typography.Paragraph type="secondary">
        {t('supervisor:kpis.escalationsSummary', { welfare, base })}
      </Typography.Paragraph>
    </Card>
  );
}

function BreachesChart({ weekly }: { weekly: KpiChartsProps['weekly'] }) {
  const { t } = useTranslation();
  const rows = useMemo(() => weeklyBreaches(weekly.data ?? []), [weekly.data]);
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((row) => row.week) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: t('supervisor:kpis.breaches'),
          data: rows.map((row) => row.breached),
          itemStyle: { color: '#cf1322' },
        },
      ],
    }),
    [t, rows],
  );
  const peak = peakWeek(rows, (row) => row.breached);
  const total = rows.reduce((sum, row) => sum + row.breached, 0);
  return (
    <Card title={t('supervisor:kpis.breachesTitle')} size="small">
      <WeeklyState weekly={weekly}>
        {() => (
          <>
            <EChart option={option} ariaLabel={t('supervisor:kpis.breachesTitle')} testId="chart-breaches" />
            <Typography.Paragraph type="secondary">
              {peak
                ? t('supervisor:kpis.breachesSummary', { total, week: peak.week, peak: peak.value })
                : t('supervisor:kpis.breachesNone')}
            </Typography.Paragraph>
          </>
        )}
      </WeeklyState>
    </Card>
  );
}
