import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Modal,
  Radio,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { OrgUnitFilters, useOrgUnitFilter } from '../../shared/OrgUnitFilters';
import { useUnitNames } from '../../shared/org-units';
import { QueryError } from '../../supervisor/common/QueryError';
import type { Missing, WorklistItem } from './api-types';
import { RecordContactDialog } from './RecordContactDialog';
import { findOpenCase, useThreePlusOneKpis, useWorklist } from './use-three-plus-one';
import { chosenUnit, daysLeftColour, daysLeftWords, jobWords, kpiUnit, trainingWords } from './worklist-rows';

const PAGE_SIZE = 20;
const MISSING_FILTERS = ['all', 'jobs', 'training', 'both'] as const;

/**
 * 3+1 工作台: the registered unemployed persons of the user's area whose year is running without 3 confirmed job
 * recommendations and 1 confirmed training, fewest days left first, with this month's figures on top. From a row
 * the operator proposes a job (on the person's open help case), refers them to a training or records a contact.
 */
export function ThreePlusOnePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const [missing, setMissing] = useState<(typeof MISSING_FILTERS)[number]>('all');
  const [includeEnded, setIncludeEnded] = useState(false);
  const [page, setPage] = useState(1);
  const [contactFor, setContactFor] = useState<WorklistItem | null>(null);
  const [noCaseFor, setNoCaseFor] = useState<WorklistItem | null>(null);
  const [lookingUp, setLookingUp] = useState<string | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const units = useOrgUnitFilter(() => setPage(1));
  const worklist = useWorklist({
    unitCode: chosenUnit(units),
    missing: missing === 'all' ? undefined : (missing as Missing),
    includeEnded,
    page,
    pageSize: PAGE_SIZE,
  });
  const items = worklist.data?.items ?? [];
  const communityName = useUnitNames(
    items.map((item) => item.communityCode),
    language,
  );

  const proposeJob = async (item: WorklistItem) => {
    setLookupError(null);
    setLookingUp(item.personId);
    try {
      const caseId = await findOpenCase(item.personId);
      if (caseId) navigate(`/operator/cases/${encodeURIComponent(caseId)}`);
      else setNoCaseFor(item);
    } catch (error) {
      setLookupError(`${t('threePlusOne:action.caseLookupFailed')}（${errorMessage(error, language)}）`);
    } finally {
      setLookingUp(null);
    }
  };

  const columns: ColumnsType<WorklistItem> = [
    {
      title: t('threePlusOne:column.name'),
      key: 'name',
      render: (_, item) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{item.name}</Typography.Text>
          <Typography.Text type="secondary">{item.phoneMasked}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('threePlusOne:column.community'),
      key: 'community',
      render: (_, item) => communityName(item.communityCode),
    },
    { title: t('threePlusOne:column.registeredOn'), dataIndex: 'registeredOn' },
    {
      title: t('threePlusOne:column.jobs'),
      key: 'jobs',
      render: (_, item) => (
        <Space orientation="vertical" size={0}>
          {jobWords(item).map((words, index) => (
            <Tag
              key={words.key}
              color={index === 0 && item.jobs.confirmed >= item.jobs.target ? 'green' : undefined}
            >
              {t(`threePlusOne:${words.key}`, words.values)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('threePlusOne:column.training'),
      key: 'training',
      render: (_, item) => {
        const words = trainingWords(item);
        return (
          <Tag color={words.key === 'progress.trainingDone' ? 'green' : undefined}>
            {t(`threePlusOne:${words.key}`)}
          </Tag>
        );
      },
    },
    {
      title: t('threePlusOne:column.daysLeft'),
      key: 'daysLeft',
      render: (_, item) => {
        const words = daysLeftWords(item);
        const colour = daysLeftColour(item);
        return (
          <Space size={4}>
            <Tag color={colour === 'default' ? undefined : colour}>
              {t(`threePlusOne:${words.key}`, words.values)}
            </Tag>
            {item.status !== 'on-track' && (
              <Tag color={colour === 'default' ? undefined : colour}>
                {t(`threePlusOne:status.${item.status}`)}
              </Tag>
            )}
          </Space>
        );
      },
    },
    {
      title: t('threePlusOne:column.categories'),
      key: 'categories',
      render: (_, item) =>
        item.categories.length ? (
          <Space size={[0, 4]} wrap>
            {item.categories.map((category) => (
              <Tag key={category.code}>{category.name[language]}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('threePlusOne:noCategory')}</Typography.Text>
        ),
    },
    {
      title: t('threePlusOne:column.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, item) => (
        <Space size={4} wrap>
          <Button
            size="small"
            type="primary"
            loading={lookingUp === item.personId}
            onClick={() => void proposeJob(item)}
          >
            {t('threePlusOne:action.proposeJob')}
          </Button>
          <Button
            size="small"
            onClick={() => navigate(`/operator/training?referPerson=${encodeURIComponent(item.personId)}`)}
          >
            {t('threePlusOne:action.referTraining')}
          </Button>
          <Button size="small" onClick={() => setContactFor(item)}>
            {t('threePlusOne:action.recordContact')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('threePlusOne:title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('threePlusOne:intro')}</Typography.Text>
      <KpiStrip unit={kpiUnit(units)} />
      <Card size="small">
        <Form layout="inline" aria-label={t('threePlusOne:filters.label')}>
          <OrgUnitFilters
            filter={units}
            idPrefix="three-plus-one"
            labels={{
              district: t('threePlusOne:filters.district'),
              street: t('threePlusOne:filters.street'),
              community: t('threePlusOne:filters.community'),
              allUnits: t('threePlusOne:filters.allUnits'),
            }}
          />
          <Form.Item label={t('threePlusOne:filters.missing')}>
            <Radio.Group
              optionType="button"
              value={missing}
              onChange={(event) => {
                setMissing(event.target.value as typeof missing);
                setPage(1);
              }}
              options={MISSING_FILTERS.map((value) => ({ value, label: t(`threePlusOne:filters.${value}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('threePlusOne:filters.includeEnded')} htmlFor="three-plus-one-ended">
            <Switch
              id="three-plus-one-ended"
              checked={includeEnded}
              onChange={(checked) => {
                setIncludeEnded(checked);
                setPage(1);
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      {worklist.isError && <QueryError error={worklist.error} onRetry={() => void worklist.refetch()} />}
      {lookupError && (
        <Alert type="error" showIcon title={lookupError} closable onClose={() => setLookupError(null)} />
      )}
      <Table<WorklistItem>
        data-testid="three-plus-one-worklist"
        aria-label={t('threePlusOne:tableLabel')}
        rowKey="personId"
        size="small"
        loading={worklist.isLoading}
        columns={columns}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        onRow={(item) =>
          ({
            'data-testid': `three-plus-one-row-${item.personId}`,
            'data-status': item.status,
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: worklist.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('threePlusOne:total', { n: total }),
          onChange: setPage,
        }}
        locale={{ emptyText: t('threePlusOne:empty') }}
      />
      {contactFor && <RecordContactDialog person={contactFor} onClose={() => setContactFor(null)} />}
      <Modal
        open={!!noCaseFor}
        title={noCaseFor ? t('threePlusOne:action.noCaseTitle', { name: noCaseFor.name }) : ''}
        okText={t('threePlusOne:action.openIntake')}
        cancelText={t('threePlusOne:action.cancel')}
        onOk={() => {
          setNoCaseFor(null);
          navigate('/operator/intake');
        }}
        onCancel={() => setNoCaseFor(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('threePlusOne:action.noCaseText')}</Typography.Paragraph>
      </Modal>
    </Space>
  );
}

/** This month's figures: years ended and served within them (%), running years on track and at risk. */
function KpiStrip({ unit }: { unit: string | undefined }) {
  const { t } = useTranslation();
  const kpis = useThreePlusOneKpis(unit);
  if (kpis.isError) return <QueryError error={kpis.error} onRetry={() => void kpis.refetch()} />;
  const k = kpis.data;
  const persons = (n: number | undefined) => (n === undefined ? '—' : t('threePlusOne:kpis.persons', { n }));
  return (
    <Card
      size="small"
      loading={kpis.isLoading}
      data-testid="three-plus-one-kpis"
      title={
        <Space>
          {t('threePlusOne:kpis.label')}
          {k && (
            <Typography.Text type="secondary">
              {t('threePlusOne:kpis.period', { from: k.from, to: k.to })}
            </Typography.Text>
          )}
        </Space>
      }
    >
      <Row gutter={16}>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('threePlusOne:kpis.yearEnded')} value={persons(k?.yearEnded)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('threePlusOne:kpis.served')} value={persons(k?.servedInYear)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic
            title={t('threePlusOne:kpis.servedRate')}
            value={
              k?.servedRate === null || k === undefined ? t('threePlusOne:kpis.noRate') : `${k.servedRate}%`
            }
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('threePlusOne:kpis.running')} value={persons(k?.running)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('threePlusOne:kpis.onTrack')} value={persons(k?.onTrack)} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic
            title={t('threePlusOne:kpis.atRisk')}
            value={persons(k?.atRisk)}
            styles={k && k.atRisk > 0 ? { content: { color: '#d46b08' } } : undefined}
          />
        </Col>
      </Row>
    </Card>
  );
}
