import { Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PlanAgendaItem } from '@platform/contracts';
import { DueTag } from './PersonalPlanCard';

/** The agenda's personal-plan rows: whose plan, which agreed service, due when, who is responsible. */
export function PlanAgendaList({
  items,
  withinDays,
  loading,
}: {
  items: PlanAgendaItem[];
  withinDays: number;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const title = t('plans:agenda.title', { days: withinDays });
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {title}
        </Typography.Title>
      }
    >
      <Table<PlanAgendaItem>
        data-testid="agenda-plan-items"
        aria-label={title}
        rowKey="itemId"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('plans:agenda.empty') }}
        rowClassName={(row) => (row.overdue ? 'row-breached' : '')}
        columns={[
          {
            title: t('plans:agenda.person'),
            key: 'person',
            render: (_, row) =>
              row.person ? (
                <Space size={4} orientation="vertical">
                  <Link to={`../cases/${row.caseId}`}>{row.person.name}</Link>
                  <Typography.Text type="secondary">{row.person.phoneMasked}</Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('plans:agenda.item'),
            key: 'item',
            render: (_, row) => `${t(`plans:kind.${row.kind}`)} · ${row.description}`,
          },
          {
            title: t('plans:agenda.dueOn'),
            key: 'dueOn',
            render: (_, row) => (
              <Space>
                {row.dueOn}
                <DueTag days={row.daysOverdue} />
              </Space>
            ),
          },
          { title: t('plans:agenda.responsible'), dataIndex: 'responsibleName', key: 'responsible' },
          {
            title: '',
            key: 'open',
            render: (_, row) => <Link to={`../cases/${row.caseId}`}>{t('plans:agenda.open')}</Link>,
          },
        ]}
      />
    </Card>
  );
}
