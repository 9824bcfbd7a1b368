import { Card, Form, Input, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../shared/i18n-helpers';
import { useUnitNames } from '../shared/org-units';
import { shanghaiDay } from '../shared/time';
import { QueryError } from '../supervisor/common/QueryError';
import type { KpiGroup } from './api-types';
import { KpiPanel, RateWithTarget } from './KpiPanel';
import { useTrainingKpis } from './use-training';

/**
 * 培训成效: the training KPIs of the user's area for a period of referrals, in total and per provider, per unit
 * running the course and per course, each rate against its 90 % target.
 */
export function TrainingKpisPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const today = shanghaiDay();
  const [period, setPeriod] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const report = useTrainingKpis(period);
  const unitName = useUnitNames(
    (report.data?.byUnit ?? []).map((group) => group.unitCode ?? ''),
    language,
  );

  const table = (title: string, groups: KpiGroup[], name: (group: KpiGroup) => string) => {
    const columns: ColumnsType<KpiGroup> = [
      { title: t('training:report.group'), key: 'name', render: (_, group) => name(group) },
      { title: t('training:kpi.referred'), key: 'referred', render: (_, g) => g.kpis.referred },
      { title: t('training:kpi.completed'), key: 'completed', render: (_, g) => g.kpis.completed },
      { title: t('training:kpi.passed'), key: 'passed', render: (_, g) => g.kpis.passed },
      {
        title: t('training:kpi.passRate'),
        key: 'passRate',
        render: (_, g) => <RateWithTarget rate={g.kpis.passRate} />,
      },
      {
        title: t('training:kpi.employedRate'),
        key: 'employedRate',
        render: (_, g) => <RateWithTarget rate={g.kpis.employedAfterTrainingRate} />,
      },
    ];
    return (
      <Card size="small" title={title}>
        <Table
          rowKey={(group) => `${group.providerId ?? ''}${group.unitCode ?? ''}${group.courseId ?? ''}`}
          size="small"
          columns={columns}
          dataSource={groups}
          pagination={false}
        />
      </Card>
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('training:report.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('training:report.intro')}</Typography.Text>
      <Form layout="inline">
        <Form.Item label={t('training:report.from')}>
          <Input
            type="date"
            value={period.from}
            onChange={(event) => event.target.value && setPeriod({ ...period, from: event.target.value })}
          />
        </Form.Item>
        <Form.Item label={t('training:report.to')}>
          <Input
            type="date"
            value={period.to}
            onChange={(event) => event.target.value && setPeriod({ ...period, to: event.target.value })}
          />
        </Form.Item>
      </Form>
      {report.error && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <KpiPanel kpis={report.data.total} title={t('training:report.total')} />
          {table(t('training:report.byProvider'), report.data.byProvider, (g) => g.providerName ?? '')}
          {table(t('training:report.byUnit'), report.data.byUnit, (g) => unitName(g.unitCode ?? ''))}
          {table(t('training:report.byCourse'), report.data.byCourse, (g) => g.courseTitle ?? '')}
        </>
      )}
    </Space>
  );
}
