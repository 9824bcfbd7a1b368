import { Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import type { YearChange } from './useCalendar';

/** Every version of one year: who loaded or corrected it, how, and why (newest first). */
export function YearHistory({ changes }: { changes: YearChange[] | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: ColumnsType<YearChange> = [
    { title: t('supervisor:calendar.version'), dataIndex: 'version', width: 80 },
    {
      title: t('supervisor:calendar.format'),
      dataIndex: 'format',
      width: 140,
      render: (format: YearChange['format']) => <Tag>{t(`supervisor:calendar.formats.${format}`)}</Tag>,
    },
    {
      title: t('supervisor:calendar.days'),
      key: 'days',
      align: 'right',
      width: 80,
      render: (_, change) => change.overrides.length,
    },
    { title: t('supervisor:calendar.reason'), dataIndex: 'reason', ellipsis: { showTitle: true } },
    { title: t('supervisor:calendar.source'), dataIndex: 'source', ellipsis: { showTitle: true } },
    { title: t('supervisor:calendar.changedBy'), dataIndex: 'changedBy', width: 140 },
    {
      title: t('supervisor:calendar.changedAt'),
      dataIndex: 'changedAt',
      width: 160,
      render: (at: string) => formatInstant(at, language),
    },
  ];
  return (
    <Card title={t('supervisor:calendar.historyTitle')} size="small">
      <Table<YearChange>
        aria-label={t('supervisor:calendar.historyTitle')}
        data-testid="calendar-history"
        rowKey="version"
        size="small"
        columns={columns}
        dataSource={changes ?? []}
        pagination={false}
      />
    </Card>
  );
}
