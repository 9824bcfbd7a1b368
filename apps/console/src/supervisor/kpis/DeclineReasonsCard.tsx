import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import type { EmployerDeclineReport } from '@platform/contracts';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { DECLINE_REASONS } from '../../shared/decline-reasons';
import { useLanguage } from '../../shared/i18n-helpers';
import { QueryError } from '../common/QueryError';
import { formatPercent, type ReasonCode, type ReasonRow, reasonRows } from './kpi-data';
import type { KpiPeriod } from './useKpis';

/** Why employers declined referrals in the unit and period (from the jobs service). */
export function DeclineReasonsCard({ period }: { period: KpiPeriod }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const report = useQuery({
    queryKey: ['supervisor', 'employer-declines', period],
    queryFn: () => api<EmployerDeclineReport>('jobs', '/reports/employer-declines', { query: { ...period } }),
  });
  const label = (code: ReasonCode) =>
    code === 'uncoded' ? t('supervisor:kpis.declines.uncoded') : DECLINE_REASONS[code][language];
  const columns: ColumnsType<ReasonRow> = [
    { title: t('supervisor:kpis.declines.reason'), key: 'reason', render: (_, row) => label(row.code) },
    { title: t('supervisor:kpis.declines.count'), dataIndex: 'count', align: 'right' },
    {
      title: t('supervisor:kpis.declines.share'),
      key: 'share',
      align: 'right',
      render: (_, row) => formatPercent(row.percent),
    },
  ];
  const title = t('supervisor:kpis.declines.title', { total: report.data?.total ?? '—' });
  return (
    <Card title={title} size="small">
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      <Table<ReasonRow>
        aria-label={t('supervisor:kpis.declines.tableLabel')}
        data-testid="kpi-decline-reasons"
        rowKey="code"
        size="small"
        loading={report.isLoading}
        columns={columns}
        dataSource={report.data ? reasonRows(report.data) : []}
        pagination={false}
        locale={{ emptyText: t('supervisor:kpis.declines.none') }}
      />
    </Card>
  );
}
