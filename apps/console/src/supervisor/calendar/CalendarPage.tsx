import { Alert, Button, Card, Form, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { hasAnyRole, useAuth } from '../../shared/auth';
import { CITY_CODE } from '../../shared/org-units';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import { QueryError } from '../common/QueryError';
import { IcsUpload } from './IcsUpload';
import { type Coverage, type LoadedYear, useCoverage, useLoadedYears, useYearHistory } from './useCalendar';
import { YearDays } from './YearDays';
import { YearHistory } from './YearHistory';

/** The working calendar: which years are loaded, each year's days, corrections, uploads and history. */
export function CalendarPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const years = useLoadedYears();
  const coverage = useCoverage();
  const [picked, setPicked] = useState<number>();

  const loaded = (years.data ?? []).map((row) => row.year);
  const nextYear = coverage.data?.nextYear;
  const choices = [...new Set([...loaded, ...(nextYear ? [nextYear] : [])])].sort((a, b) => b - a);
  const year = picked ?? coverage.data?.currentYear;

  const columns: ColumnsType<LoadedYear> = [
    { title: t('supervisor:calendar.year'), dataIndex: 'year', width: 80 },
    { title: t('supervisor:calendar.version'), dataIndex: 'version', width: 80 },
    { title: t('supervisor:calendar.holidays'), dataIndex: 'holidays', align: 'right', width: 100 },
    { title: t('supervisor:calendar.makeupDays'), dataIndex: 'makeupWorkdays', align: 'right', width: 130 },
    // The notice's full title is long: cut here, whole in the tooltip.
    { title: t('supervisor:calendar.source'), dataIndex: 'source', ellipsis: { showTitle: true } },
    {
      title: t('supervisor:calendar.updatedAt'),
      dataIndex: 'updatedAt',
      width: 160,
      render: (at: string) => formatInstant(at, language),
    },
    {
      title: t('supervisor:calendar.actions'),
      key: 'actions',
      width: 130,
      render: (_, row) => (
        <Button size="small" onClick={() => setPicked(row.year)}>
          {t('supervisor:calendar.open', { year: row.year })}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('supervisor:calendar.title')}
      </Typography.Title>
      {coverage.data && <CoverageBanner coverage={coverage.data} />}
      {(years.isError || coverage.isError) && (
        <QueryError error={years.error ?? coverage.error} onRetry={() => void years.refetch()} />
      )}
      <Table<LoadedYear>
        aria-label={t('supervisor:calendar.yearsTable')}
        data-testid="calendar-years"
        rowKey="year"
        size="small"
        loading={years.isLoading}
        columns={columns}
        dataSource={years.data ?? []}
        pagination={false}
      />
      {year !== undefined && (
        <Card size="small">
          <Form layout="inline">
            <Form.Item label={t('supervisor:calendar.year')} htmlFor="calendar-year">
              <Select
                id="calendar-year"
                style={{ width: 200 }}
                value={year}
                onChange={setPicked}
                options={choices.map((value) => ({
                  value,
                  label: loaded.includes(value)
                    ? String(value)
                    : t('supervisor:calendar.notLoadedOption', { year: value }),
                }))}
              />
            </Form.Item>
          </Form>
        </Card>
      )}
      {year !== undefined && <YearPanel key={year} year={year} loaded={loaded.includes(year)} />}
    </Space>
  );
}

/** One year's days, and for calendar managers its correction, upload and history. */
function YearPanel({ year, loaded }: { year: number; loaded: boolean }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const history = useYearHistory(year);
  // The calendar is city-wide: the API lets only admins and city supervisors change it (and refuses the rest).
  const mayChange =
    hasAnyRole(user, ['admin']) || (hasAnyRole(user, ['supervisor']) && user?.orgPath === CITY_CODE);
  const forbidden = history.error instanceof ApiError && history.error.status === 403;
  const canWrite = mayChange && history.isSuccess;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {(forbidden || !mayChange) && <Alert type="info" showIcon title={t('supervisor:calendar.readOnly')} />}
      <YearDays year={year} loaded={loaded} canWrite={canWrite} />
      {canWrite && <IcsUpload year={year} />}
      {history.isError && !forbidden && <QueryError error={history.error} />}
      {canWrite && <YearHistory changes={history.data} />}
    </Space>
  );
}

/** Warns when a year the deadlines need is missing (the server's own wording), or announces next year. */
function CoverageBanner({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (coverage.warning && coverage.message) {
    return (
      <Alert
        data-testid="calendar-coverage"
        data-warning="true"
        type="warning"
        showIcon
        title={t('supervisor:calendar.coverageWarning')}
        description={coverage.message[language]}
      />
    );
  }
  if (!coverage.nextYearLoaded) {
    return (
      <Alert
        data-testid="calendar-coverage"
        data-warning="false"
        type="info"
        showIcon
        title={t('supervisor:calendar.nextYearMissing', { year: coverage.nextYear })}
      />
    );
  }
  return null;
}
