import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { isClientError, retryServerErrors } from '../api-status';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import type { Agenda, AgendaItem } from '../api-types';
import { SlaTag } from '../SlaTag';
import { StateTag } from '../StateTag';
import { shortId } from '../../shared/format';
import { PlanAgendaList } from '../personal-plans/PlanAgendaList';

/**
 * Today's agenda (GET /cases/agenda, today in Shanghai): callbacks and follow-ups due and not yet done, and
 * the personal-plan items overdue or due soon.
 */
function useAgenda() {
  return useQuery({
    queryKey: ['operator', 'agenda'],
    queryFn: () => api<Agenda>('hotline', '/cases/agenda'),
    refetchInterval: 60_000,
    retry: retryServerErrors,
  });
}

export function AgendaPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const agenda = useAgenda();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('operator:agenda.title')}
        </Typography.Title>
        <Space>
          {agenda.data && (
            <Typography.Text type="secondary">
              {t('operator:agenda.day', { day: agenda.data.day })}
            </Typography.Text>
          )}
          <Button onClick={() => void agenda.refetch()} loading={agenda.isFetching}>
            {t('operator:common.refresh')}
          </Button>
        </Space>
      </Space>
      {agenda.isError && (
        <Alert
          type="warning"
          showIcon
          title={t('operator:agenda.unavailable')}
          description={isClientError(agenda.error) ? undefined : errorMessage(agenda.error, language)}
        />
      )}
      <AgendaList
        title={t('operator:agenda.callbacks')}
        testId="agenda-callbacks"
        items={agenda.data?.callbacks ?? []}
        loading={agenda.isLoading}
      />
      <AgendaList
        title={t('operator:agenda.followUps')}
        testId="agenda-follow-ups"
        items={agenda.data?.followUps ?? []}
        loading={agenda.isLoading}
      />
      <PlanAgendaList
        items={agenda.data?.planItems ?? []}
        withinDays={agenda.data?.planItemsWithinDays ?? 7}
        loading={agenda.isLoading}
      />
    </Space>
  );
}

function AgendaList({
  title,
  testId,
  items,
  loading,
}: {
  title: string;
  testId: string;
  items: AgendaItem[];
  loading: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {title}
        </Typography.Title>
      }
    >
      <Table<AgendaItem>
        data-testid={testId}
        aria-label={title}
        rowKey="caseId"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('operator:agenda.empty') }}
        rowClassName={(row) => (row.overdue || row.breached ? 'row-breached' : '')}
        columns={[
          {
            title: t('operator:agenda.caseId'),
            key: 'caseId',
            render: (_, row) => <Link to={`../cases/${row.caseId}`}>{shortId(row.caseId)}</Link>,
          },
          {
            title: t('operator:caseSearch.name'),
            key: 'caller',
            render: (_, row) =>
              row.caller ? (
                <Space size={4} orientation="vertical">
                  <Link to={`../cases/${row.caseId}`}>{row.caller.name}</Link>
                  <Typography.Text type="secondary">{row.caller.phoneMasked}</Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('operator:caseSearch.community'),
            key: 'community',
            render: (_, row) =>
              row.communityName
                ? language === 'en'
                  ? (row.communityName.en ?? row.communityName.zh)
                  : row.communityName.zh
                : '—',
          },
          {
            title: t('operator:caseSearch.promise'),
            key: 'promise',
            render: (_, row) => <SlaTag tone={row.breached ? 'breached' : promiseTone(row.promise)} />,
          },
          {
            title: t('operator:agenda.dueAt'),
            key: 'dueAt',
            render: (_, row) => (
              <Space>
                {formatInstant(row.dueAt, language)}
                {row.overdue ? (
                  <Tag color="red">{t('operator:agenda.overdue')}</Tag>
                ) : (
                  <Tag color="gold">{t('operator:agenda.due')}</Tag>
                )}
              </Space>
            ),
          },
          { title: t('operator:agenda.owner'), dataIndex: 'owner', key: 'owner' },
          {
            title: t('operator:agenda.state'),
            key: 'state',
            render: (_, row) => <StateTag state={row.state} />,
          },
        ]}
      />
    </Card>
  );
}

/** The agenda's promise tag: the promise's word (no countdown here; the case page has it). */
function promiseTone(promise: AgendaItem['promise']) {
  return promise === 'late'
    ? 'breached'
    : promise === 'kept'
      ? 'kept'
      : promise === 'waived'
        ? 'waived'
        : promise === 'not-applicable'
          ? 'notApplicable'
          : 'onTrack';
}
