import { Card, Col, Empty, InputNumber, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../shared/auth';
import { useLanguage } from '../shared/i18n-helpers';
import { unitName, useChildUnits, useUnitWithAncestors } from '../shared/org-units';
import { shanghaiDay } from '../shared/time';
import { QueryError } from '../supervisor/common/QueryError';
import type { FairResults, FairSummary } from './api-types';
import { FairStatusTag, placeOf } from './FairTags';
import { useAssistanceMonth } from './use-job-fairs';

const TOTALS: ReadonlyArray<keyof FairResults> = [
  'visitors',
  'applications',
  'hardshipApplicants',
  'referrals',
  'placements',
];

/** 就业援助月: for a unit of the user's area and a year, the Assistance Month's fairs and their totals. */
export function AssistanceMonthPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const own = useUnitWithAncestors(user.orgCode);
  const below = useChildUnits(user.orgCode);
  const [unit, setUnit] = useState(user.orgCode);
  const [year, setYear] = useState(Number(shanghaiDay().slice(0, 4)));
  const month = useAssistanceMonth(unit, year);
  const units = [...(own.data ? [own.data] : []), ...(below.data ?? [])];

  const columns: ColumnsType<FairSummary> = [
    { title: t('fairs:list.heldOn'), dataIndex: 'heldOn' },
    {
      title: t('fairs:list.title_'),
      key: 'title',
      render: (_, f) => <Link to={`../job-fairs/${f.id}`}>{f.title}</Link>,
    },
    { title: t('fairs:list.place'), key: 'place', render: (_, f) => placeOf(f, language) },
    { title: t('fairs:list.status'), key: 'status', render: (_, f) => <FairStatusTag status={f.status} /> },
    {
      title: t('fairs:list.results'),
      key: 'results',
      render: (_, f) => t('fairs:list.resultsLine', { ...f.results }),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('fairs:month.title')}
      </Typography.Title>
      <Space>
        <label htmlFor="fair-month-unit">{t('fairs:month.unit')}</label>
        <Select
          id="fair-month-unit"
          style={{ minWidth: 200 }}
          value={unit}
          onChange={setUnit}
          options={units.map((u) => ({ value: u.code, label: unitName(u, language) }))}
        />
        <label htmlFor="fair-month-year">{t('fairs:month.year')}</label>
        <InputNumber
          id="fair-month-year"
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
        />
      </Space>
      {month.isError && <QueryError error={month.error} onRetry={() => void month.refetch()} />}
      {month.data && (
        <>
          <Card size="small" data-testid="assistance-month-totals">
            <Row gutter={16}>
              <Col xs={12} md={3}>
                <Statistic title={t('fairs:month.fairs')} value={month.data.fairs} />
              </Col>
              <Col xs={12} md={3}>
                <Statistic title={t('fairs:month.held')} value={month.data.held} />
              </Col>
              {TOTALS.map((key) => (
                <Col key={key} xs={12} md={3}>
                  <Statistic title={t(`fairs:results.${key}`)} value={month.data[key]} />
                </Col>
              ))}
            </Row>
          </Card>
          <Table<FairSummary>
            aria-label={t('fairs:month.tableLabel')}
            rowKey="id"
            size="small"
            dataSource={month.data.items}
            columns={columns}
            pagination={false}
            locale={{ emptyText: <Empty description={t('fairs:month.none')} /> }}
          />
        </>
      )}
    </Space>
  );
}
