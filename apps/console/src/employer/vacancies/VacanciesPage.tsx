import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { PAGE_SIZE, useCloseVacancy, useVacancies } from './use-vacancies';
import { VacancyForm } from './VacancyForm';
import { formatWageRange, type Vacancy, type VacancyStatus } from './vacancy-model';

type StatusFilter = VacancyStatus | 'all';
/** Which drawer is open: none, a new vacancy, or the vacancy being edited. */
type Editing = { vacancy?: Vacancy } | null;

/** 岗位管理: the employer's own vacancies, with create, edit and close. */
export function VacanciesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Editing>(null);
  const vacancies = useVacancies(status === 'all' ? undefined : status, page);
  const close = useCloseVacancy();

  const closeVacancy = (vacancy: Vacancy) =>
    close.mutate(vacancy.id, {
      onSuccess: () => void message.success(t('employer:vacancies.closed', { title: vacancy.title })),
      onError: (error) => void message.error(errorMessage(error, language)),
    });

  const columns: ColumnsType<Vacancy> = [
    {
      title: t('employer:vacancy.title'),
      dataIndex: 'title',
      render: (title: string, vacancy) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary">
            {t(`employer:kind.${vacancy.kind}`)} · {vacancy.occupationCode}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('employer:vacancies.wage'),
      key: 'wage',
      render: (_, vacancy) => formatWageRange(vacancy.wageMinFen, vacancy.wageMaxFen, language),
    },
    {
      title: t('employer:vacancies.conditions'),
      key: 'conditions',
      render: (_, vacancy) => (
        <Flex wrap gap={4}>
          <Tag>{t(`employer:hours.${vacancy.hours}`)}</Tag>
          <Tag>{t(`employer:physicalDemand.${vacancy.physicalDemand}`)}</Tag>
          {vacancy.disabledSuitable && <Tag color="blue">{t('employer:vacancy.disabledSuitable')}</Tag>}
          {vacancy.noExperience && <Tag color="cyan">{t('employer:vacancy.noExperience')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('employer:vacancies.places'),
      key: 'places',
      render: (_, vacancy) =>
        t('employer:vacancies.placesValue', { taken: vacancy.taken, headcount: vacancy.headcount }),
    },
    {
      title: t('employer:vacancies.validPeriod'),
      key: 'valid',
      render: (_, vacancy) => `${vacancy.validFrom} ~ ${vacancy.validTo}`,
    },
    {
      title: t('employer:vacancies.status'),
      dataIndex: 'status',
      render: (value: VacancyStatus) => (
        <Tag color={value === 'open' ? 'green' : 'default'}>{t(`employer:vacancyStatus.${value}`)}</Tag>
      ),
    },
    {
      title: t('employer:actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, vacancy) =>
        vacancy.status === 'open' && (
          <Space>
            <Button
              size="small"
              onClick={() => setEditing({ vacancy })}
              data-testid={`vacancy-edit-${vacancy.id}`}
            >
              {t('employer:vacancies.edit')}
            </Button>
            <Popconfirm
              title={t('employer:vacancies.closeConfirm', { title: vacancy.title })}
              description={t('employer:vacancies.closeConfirmDetail')}
              okText={t('employer:vacancies.close')}
              cancelText={t('common:cancel')}
              onConfirm={() => closeVacancy(vacancy)}
            >
              <Button size="small" danger data-testid={`vacancy-close-${vacancy.id}`}>
                {t('employer:vacancies.close')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('employer:vacancies.heading')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          {t('employer:vacancies.create')}
        </Button>
      </Flex>
      <Segmented<StatusFilter>
        aria-label={t('employer:vacancies.statusFilter')}
        value={status}
        onChange={(value) => {
          setStatus(value);
          setPage(1);
        }}
        options={[
          { value: 'open', label: t('employer:vacancyStatus.open') },
          { value: 'closed', label: t('employer:vacancyStatus.closed') },
          { value: 'all', label: t('employer:all') },
        ]}
      />
      {vacancies.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(vacancies.error, language)}
          action={<Button onClick={() => void vacancies.refetch()}>{t('common:retry')}</Button>}
        />
      )}
      <Table<Vacancy>
        data-testid="vacancies-table"
        aria-label={t('employer:vacancies.heading')}
        rowKey="id"
        columns={columns}
        dataSource={vacancies.data?.items}
        loading={vacancies.isFetching}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: (
            <Empty
              description={t(status === 'open' ? 'employer:vacancies.emptyOpen' : 'employer:vacancies.empty')}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: vacancies.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
      />
      {editing && <VacancyForm vacancy={editing.vacancy} onClose={() => setEditing(null)} />}
    </Space>
  );
}
