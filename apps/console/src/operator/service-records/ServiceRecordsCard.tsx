import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import { ConfirmRecordDialog } from './ConfirmRecordDialog';
import { outcomeText } from './record-outcome';
import { ServiceRecord, ThreePlusOne, useServiceRecords, useThreePlusOne } from './use-service-records';

/**
 * The person's service records with whether they confirmed each, and their "3+1" progress: only confirmed job
 * and training recommendations count, so an unconfirmed one offers the confirmation (SMS code or station).
 */
export function ServiceRecordsCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const records = useServiceRecords(personId);
  const progress = useThreePlusOne(personId);
  const [confirming, setConfirming] = useState<ServiceRecord | null>(null);

  return (
    <Card
      size="small"
      data-testid="service-records"
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {t('records:title')}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {progress.data && <Progress progress={progress.data} />}
        {(records.isError || progress.isError) && (
          <Alert type="warning" showIcon message={t('records:loadFailed')} />
        )}
        <Table<ServiceRecord>
          size="small"
          rowKey="id"
          loading={records.isLoading}
          dataSource={records.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('records:empty') }}
          columns={[
            {
              title: t('records:column.when'),
              dataIndex: 'occurredAt',
              render: (at: string) => formatInstant(at, language),
            },
            {
              title: t('records:column.kind'),
              dataIndex: 'kind',
              render: (kind: ServiceRecord['kind']) => t(`records:kind.${kind}`),
            },
            {
              title: t('records:column.outcome'),
              key: 'outcome',
              render: (_: unknown, record) => outcomeText(record, t),
            },
            {
              title: t('records:column.confirmation'),
              key: 'confirmation',
              render: (_: unknown, record) =>
                record.confirmation ? (
                  <Tag color="green">
                    {t(`records:state.${record.confirmation.method}`, {
                      witness: record.confirmation.witnessMasked ?? '',
                    })}
                  </Tag>
                ) : (
                  <Space size="small">
                    <Tag color="orange">{t('records:state.pending')}</Tag>
                    <Button size="small" onClick={() => setConfirming(record)}>
                      {t('records:confirm.open')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Space>
      {confirming && (
        <ConfirmRecordDialog personId={personId} record={confirming} onClose={() => setConfirming(null)} />
      )}
    </Card>
  );
}

function Progress({ progress }: { progress: ThreePlusOne }) {
  const { t } = useTranslation();
  const unconfirmed = progress.unconfirmedJobReferrals + progress.unconfirmedTrainingReferrals;
  return (
    <Space orientation="vertical" size={4}>
      <Typography.Text strong>
        {t('records:progress.title', { from: progress.startsOn, to: progress.endsOn })}
      </Typography.Text>
      <Space wrap>
        <Tag color={progress.jobReferrals >= 3 ? 'green' : 'default'}>
          {t('records:progress.jobs', { count: progress.jobReferrals })}
        </Tag>
        <Tag color={progress.trainingReferrals >= 1 ? 'green' : 'default'}>
          {t('records:progress.trainings', { count: progress.trainingReferrals })}
        </Tag>
        <Tag color={progress.complete ? 'green' : 'orange'}>
          {t(progress.complete ? 'records:progress.complete' : 'records:progress.incomplete')}
        </Tag>
        {!progress.complete && (
          <Tag>
            {progress.daysLeft < 0
              ? t('records:progress.ended')
              : t('records:progress.daysLeft', { count: progress.daysLeft })}
          </Tag>
        )}
      </Space>
      {unconfirmed > 0 && (
        <Typography.Text type="secondary">
          {t('records:progress.unconfirmed', { count: unconfirmed })}
        </Typography.Text>
      )}
    </Space>
  );
}
