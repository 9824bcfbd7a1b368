import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { isClientError, retryServerErrors } from '../api-status';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { formatWorkingTime } from '../../shared/time';
import type { CaseList, CaseSummary } from '../api-types';
import { beijingDateTime, formatDeadline, slaTone } from '../format';
import { SlaTag } from '../SlaTag';
import { StateTag } from '../StateTag';
import { shortId } from '../../shared/format';

const PAGE_SIZE = 50;

/**
 * The open cases the operator owns (or all of the area's), breached first; with a search term, the cases whose
 * caller has that whole name, phone or ID number, or whose number starts so (POST: the term stays out of URLs).
 */
function useCases(scope: 'mine' | 'area', term: string, page: number) {
  const mine = scope === 'mine';
  const paging = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  return useQuery({
    queryKey: ['operator', 'cases', { mine, open: true, term, page }],
    queryFn: () =>
      term
        ? api<CaseList>('hotline', '/cases/search', { method: 'POST', body: { term, mine, ...paging } })
        : api<CaseList>('hotline', '/cases', { query: { mine, open: true, ...paging } }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    retry: retryServerErrors,
  });
}

/** The operator's open cases (or the area's), with who called and where each clock stands. */
export function MyCasesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [page, setPage] = useState(1);
  const [scope, setScope] = useState<'mine' | 'area'>('mine');
  const [term, setTerm] = useState('');
  const cases = useCases(scope, term, page);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('operator:myCases.title')}
        </Typography.Title>
        <Button onClick={() => void cases.refetch()} loading={cases.isFetching}>
          {t('operator:common.refresh')}
        </Button>
      </Space>
      <Space wrap>
        <Segmented
          value={scope}
          onChange={(value) => {
            setScope(value as 'mine' | 'area');
            setPage(1);
          }}
          options={[
            { value: 'mine', label: t('operator:caseSearch.mine') },
            { value: 'area', label: t('operator:caseSearch.area') },
          ]}
        />
        <Input.Search
          allowClear
          data-testid="case-search"
          aria-label={t('operator:caseSearch.placeholder')}
          placeholder={t('operator:caseSearch.placeholder')}
          style={{ width: 360 }}
          maxLength={50}
          autoComplete="off"
          onSearch={(value) => {
            setTerm(value.trim().length >= 2 ? value.trim() : '');
            setPage(1);
          }}
        />
        <Typography.Text type="secondary">{t('operator:caseSearch.help')}</Typography.Text>
      </Space>
      {cases.isError && (
        <Alert
          type="warning"
          showIcon
          title={t('operator:myCases.unavailable')}
          description={isClientError(cases.error) ? undefined : errorMessage(cases.error, language)}
        />
      )}
      <Table<CaseSummary>
        data-testid="my-cases-table"
        aria-label={t('operator:myCases.caption')}
        rowKey="caseId"
        size="small"
        loading={cases.isLoading}
        dataSource={cases.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: cases.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(term ? 'operator:caseSearch.noMatch' : 'operator:myCases.empty') }}
        rowClassName={(row) => (row.promise === 'late' ? 'row-breached' : row.atRisk ? 'row-at-risk' : '')}
        columns={[
          {
            title: t('operator:myCases.caseId'),
            key: 'caseId',
            render: (_, row) => <Link to={row.caseId}>{shortId(row.caseId)}</Link>,
          },
          {
            title: t('operator:caseSearch.name'),
            key: 'caller',
            render: (_, row) =>
              row.caller ? (
                <Space size={4} orientation="vertical">
                  <Link to={row.caseId}>{row.caller.name}</Link>
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
            title: t('operator:myCases.state'),
            key: 'state',
            render: (_, row) => <StateTag state={row.state} />,
          },
          {
            title: t('operator:myCases.deadline'),
            key: 'deadline',
            render: (_, row) =>
              row.deadline && row.dueDate
                ? formatDeadline(row.deadline, row.dueDate)
                : row.deadline
                  ? beijingDateTime(row.deadline)
                  : '—',
          },
          {
            title: t('operator:myCases.remaining'),
            key: 'remaining',
            render: (_, row) => {
              if (!row.remaining) return '—';
              const left = row.remaining.ms;
              return left < 0
                ? t('operator:sla.overdueBy', { time: formatWorkingTime(-left, language) })
                : formatWorkingTime(left, language);
            },
          },
          {
            title: t('operator:myCases.flags'),
            key: 'flags',
            render: (_, row) => <SlaTag tone={slaTone(row)} />,
          },
          {
            title: t('operator:myCases.open'),
            key: 'open',
            render: (_, row) => (
              <Link to={row.caseId} aria-label={`${t('operator:myCases.open')} ${shortId(row.caseId)}`}>
                {t('operator:myCases.open')}
              </Link>
            ),
          },
        ]}
      />
    </Space>
  );
}
