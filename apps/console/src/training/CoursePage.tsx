import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage, useLanguage } from '../shared/i18n-helpers';
import { useUnitNames } from '../shared/org-units';
import { formatInstant } from '../shared/time';
import { QueryError } from '../supervisor/common/QueryError';
import type { Enrolment, EnrolmentStatus } from './api-types';
import { type DialogKind, EnrolmentActionDialog } from './EnrolmentActionDialog';
import { KpiPanel } from './KpiPanel';
import { actionsFor, outcomeKey } from './training-words';
import { useCourse, useCourseKpis, useEnrolmentAction, useEnrolments } from './use-training';

const STATUS_COLOURS: Record<EnrolmentStatus, string | undefined> = {
  referred: 'blue',
  enrolled: 'gold',
  completed: 'green',
  dropped: undefined,
};

/** One course: what it is, its results against the 90 % targets, and its trainees of the user's area. */
export function CoursePage() {
  const { courseId = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const course = useCourse(courseId);
  const kpis = useCourseKpis(courseId);
  const enrolments = useEnrolments(courseId);
  const enrol = useEnrolmentAction(courseId);
  const [dialog, setDialog] = useState<{ enrolment: Enrolment; kind: DialogKind } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const unitName = useUnitNames(course.data ? [course.data.unitCode] : [], language);

  if (course.error) return <QueryError error={course.error} onRetry={() => void course.refetch()} />;
  if (!course.data) return <Spin description={t('common:loading')} />;
  const c = course.data;

  const columns: ColumnsType<Enrolment> = [
    { title: t('training:column.name'), dataIndex: 'personName' },
    { title: t('training:column.phone'), dataIndex: 'phoneMasked' },
    {
      title: t('training:column.status'),
      key: 'status',
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOURS[e.status]}>{t(`training:status.${e.status}`)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.referralConfirmed ? t('training:confirmed') : t('training:unconfirmed')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('training:column.referredAt'),
      key: 'referredAt',
      render: (_, e) => formatInstant(e.referredAt, language),
    },
    {
      title: t('training:column.place'),
      key: 'place',
      render: (_, e) =>
        e.freePlace ? <Tag color="green">{t('training:freePlace')}</Tag> : t('training:paidPlace'),
    },
    {
      title: t('training:column.attendance'),
      key: 'attendance',
      render: (_, e) =>
        t('training:attendance', { present: e.attendance.daysPresent, absent: e.attendance.daysAbsent }),
    },
    {
      title: t('training:column.outcome'),
      key: 'outcome',
      render: (_, e) => {
        const outcome = outcomeKey(e);
        return outcome ? t(`training:${outcome.key}`, outcome.values) : '—';
      },
    },
    {
      title: t('training:column.actions'),
      key: 'actions',
      render: (_, e) => (
        <Space size={4} wrap>
          {actionsFor(e.status).map((kind) =>
            kind === 'enrol' ? (
              <Button
                key={kind}
                size="small"
                type="primary"
                loading={enrol.isPending && enrol.variables?.enrolmentId === e.id}
                onClick={() => {
                  setActionError(null);
                  enrol.mutate(
                    { enrolmentId: e.id, action: { kind: 'enrol' } },
                    { onError: (error) => setActionError(errorMessage(error, language)) },
                  );
                }}
              >
                {t('training:action.enrol')}
              </Button>
            ) : (
              <Button key={kind} size="small" onClick={() => setDialog({ enrolment: e, kind })}>
                {t(`training:action.${kind}`)}
              </Button>
            ),
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/operator/training">{t('training:course.back')}</Link>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {c.title}
      </Typography.Title>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label={t('training:course.provider')}>{c.provider.name}</Descriptions.Item>
          <Descriptions.Item label={t('training:column.occupation')}>{c.occupation}</Descriptions.Item>
          <Descriptions.Item label={t('training:column.level')}>
            {t(`training:level.${c.level}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('training:column.dates')}>
            {t('training:dates', { from: c.startsOn, to: c.endsOn })}
          </Descriptions.Item>
          <Descriptions.Item label={t('training:column.unit')}>{unitName(c.unitCode)}</Descriptions.Item>
          <Descriptions.Item label={t('training:column.places')}>
            {t('training:places', { taken: c.placesTaken, capacity: c.capacity, left: c.placesLeft })}
          </Descriptions.Item>
          <Descriptions.Item label={t('training:column.free')}>
            {c.freeForHardship ? t('training:yes') : t('training:no')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {kpis.data && <KpiPanel kpis={kpis.data} title={t('training:course.kpis')} />}
      {kpis.error && <QueryError error={kpis.error} />}
      <Card size="small" title={t('training:course.enrolments')}>
        {actionError && <Alert type="error" showIcon title={actionError} style={{ marginBottom: 12 }} />}
        {enrolments.error ? (
          <QueryError error={enrolments.error} onRetry={() => void enrolments.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={enrolments.data?.items ?? []}
            loading={enrolments.isLoading}
            locale={{ emptyText: t('training:course.noEnrolments') }}
            pagination={false}
          />
        )}
      </Card>
      {dialog && (
        <EnrolmentActionDialog
          enrolment={dialog.enrolment}
          kind={dialog.kind}
          onClose={() => setDialog(null)}
        />
      )}
    </Space>
  );
}
