import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  InputNumber,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { hasAnyRole, useUser } from '../shared/auth';
import { errorMessage, useLanguage } from '../shared/i18n-helpers';
import { QueryError } from '../supervisor/common/QueryError';
import type { FairApplication, FairDetail, FairResults } from './api-types';
import { ApplyDialog } from './ApplyDialog';
import { FairStatusTag, placeOf } from './FairTags';
import { referralWordOf } from './fair-words';
import { useFair, useFairStatus, useRecordVisitors } from './use-job-fairs';

const RESULT_KEYS: ReadonlyArray<keyof FairResults> = [
  'visitors',
  'applications',
  'hardshipApplicants',
  'referrals',
  'placements',
];

/** One fair: its results, employers and vacancies by name, the applications taken on site and their referrals. */
export function JobFairPage() {
  const { fairId = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const fair = useFair(fairId);
  if (fair.isError) return <QueryError error={fair.error} onRetry={() => void fair.refetch()} />;
  if (!fair.data) return <Card loading />;
  const data = fair.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to=".." relative="path">
        {t('fairs:page.back')}
      </Link>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {data.title}
      </Typography.Title>
      <Descriptions size="small" column={4}>
        <Descriptions.Item label={t('fairs:page.heldOn')}>{data.heldOn}</Descriptions.Item>
        <Descriptions.Item label={t('fairs:page.place')}>{placeOf(data, language)}</Descriptions.Item>
        <Descriptions.Item label={t('fairs:page.status')}>
          <FairStatusTag status={data.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('fairs:page.assistanceMonth')}>
          {data.assistanceMonth ? t('fairs:list.yes') : t('fairs:list.no')}
        </Descriptions.Item>
      </Descriptions>
      <FairActions fair={data} />
      <Card title={t('fairs:page.results')} size="small" data-testid="fair-results">
        <Row gutter={16}>
          {RESULT_KEYS.map((key) => (
            <Col key={key} xs={12} md={4}>
              <Statistic title={t(`fairs:results.${key}`)} value={data.results[key]} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('fairs:page.employers')} size="small">
        {data.employers.length ? (
          <List
            size="small"
            dataSource={data.employers}
            renderItem={(employer) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{employer.employerName}</Typography.Text>
                  {employer.vacancies.map((v) => (
                    <Tag key={v.vacancyId}>{v.title}</Tag>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Empty description={t('fairs:page.noEmployers')} />
        )}
      </Card>
      <Applications fair={data} />
    </Space>
  );
}

function FairActions({ fair }: { fair: FairDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const user = useUser();
  const status = useFairStatus(fair.id);
  const visitors = useRecordVisitors(fair.id);
  const [count, setCount] = useState<number | null>(fair.visitorsRecorded ? fair.results.visitors : null);
  const [applying, setApplying] = useState(false);
  const supervisor = hasAnyRole(user, ['supervisor', 'admin']);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {fair.status === 'planned' && (
        <Space>
          <Typography.Text type="secondary">{t('fairs:page.notHeldHint')}</Typography.Text>
          {supervisor && (
            <>
              <Button onClick={() => status.mutate('held')} loading={status.isPending}>
                {t('fairs:page.markHeld')}
              </Button>
              <Button danger onClick={() => status.mutate('cancelled')} loading={status.isPending}>
                {t('fairs:page.markCancelled')}
              </Button>
            </>
          )}
        </Space>
      )}
      {fair.status === 'held' && (
        <Space wrap>
          <Button type="primary" onClick={() => setApplying(true)}>
            {t('fairs:page.apply')}
          </Button>
          <label htmlFor="fair-visitors">{t('fairs:page.visitorsCount')}</label>
          <InputNumber id="fair-visitors" min={0} max={1_000_000} value={count} onChange={setCount} />
          <Button
            disabled={count === null}
            loading={visitors.isPending}
            onClick={() =>
              count !== null &&
              visitors.mutate(count, { onSuccess: () => void message.success(t('fairs:page.visitorsSaved')) })
            }
          >
            {t('fairs:page.visitors')}
          </Button>
        </Space>
      )}
      {(status.isError || visitors.isError) && (
        <Alert type="error" showIcon title={errorMessage(status.error ?? visitors.error, language)} />
      )}
      {applying && <ApplyDialog fair={fair} onClose={() => setApplying(false)} />}
    </Space>
  );
}

function Applications({ fair }: { fair: FairDetail }) {
  const { t } = useTranslation();
  const columns: ColumnsType<FairApplication> = [
    { title: t('fairs:page.applicant'), key: 'name', render: (_, a) => a.applicantName ?? '—' },
    { title: t('fairs:page.phone'), key: 'phone', render: (_, a) => a.applicantPhoneMasked ?? '—' },
    { title: t('fairs:page.vacancy'), key: 'vacancy', render: (_, a) => a.vacancyTitle ?? '—' },
    { title: t('fairs:page.employer'), key: 'employer', render: (_, a) => a.employerName ?? '—' },
    {
      title: t('fairs:page.hardship'),
      key: 'hardship',
      render: (_, a) =>
        a.hardship === null
          ? t('fairs:page.hardshipUnknown')
          : a.hardship
            ? t('fairs:page.hardshipYes')
            : t('fairs:page.hardshipNo'),
    },
    {
      title: t('fairs:page.referral'),
      key: 'referral',
      render: (_, a) => t(`fairs:referral.${referralWordOf(a)}`),
    },
    {
      title: '',
      key: 'case',
      render: (_, a) =>
        // Cases are worked at the operator desk (supervisors reach it too).
        a.caseId ? <Link to={`/operator/cases/${a.caseId}`}>{t('fairs:page.caseLink')}</Link> : null,
    },
  ];
  return (
    <Card title={t('fairs:page.applications')} size="small">
      <Table<FairApplication>
        data-testid="fair-applications"
        aria-label={t('fairs:page.applications')}
        rowKey="id"
        size="small"
        dataSource={fair.applications}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('fairs:page.noApplications') }}
      />
    </Card>
  );
}
