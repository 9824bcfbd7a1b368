import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { errorMessage, localized, useLanguage } from '../../shared/i18n-helpers';
import { actionErrorMessage } from '../action-errors';
import type { MatchedVacancy } from '../api-types';
import { useCaseAction, useEmployerNames } from './use-case';
import { formatYuan } from '../../shared/format';

interface Props {
  caseId: string;
  candidates: UseQueryResult<MatchedVacancy[]>;
  /** False when the state does not allow a proposal (the buttons are disabled, the list stays visible). */
  canPropose: boolean;
  /** Vacancies with a live referral already: proposing them again would be refused. */
  proposedVacancyIds: Set<string>;
}

/** Vacancies ranked for the case, with the reason in the console's language and a "propose" per row. */
export function CandidatesTable({ caseId, candidates, canPropose, proposedVacancyIds }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const action = useCaseAction(caseId);
  const rows = candidates.data ?? [];
  const employers = useEmployerNames(rows.map((row) => row.employerId));

  // 409: not registered yet, or no location to measure distances from; the hotline says which.
  if (candidates.error instanceof ApiError && candidates.error.status === 409) {
    return <Alert type="info" showIcon title={localized(candidates.error.detail, language)} />;
  }
  if (candidates.isError) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('operator:candidates.unavailable')}
        description={errorMessage(candidates.error, language)}
      />
    );
  }

  const propose = (vacancy: MatchedVacancy) =>
    action
      .mutateAsync({ path: '/referrals', body: { vacancyId: vacancy.vacancyId } })
      .then(() => message.success(t('operator:action.done')))
      .catch((error: unknown) => message.error(actionErrorMessage(error, language, t)));

  return (
    <Table<MatchedVacancy>
      data-testid="candidates-table"
      aria-label={t('operator:candidates.title')}
      rowKey="vacancyId"
      size="small"
      loading={candidates.isLoading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      locale={{ emptyText: t('operator:candidates.empty') }}
      columns={[
        { title: t('operator:candidates.vacancy'), dataIndex: 'title', key: 'title' },
        {
          title: t('operator:candidates.employer'),
          key: 'employer',
          render: (_, row) => employers.get(row.employerId) ?? '—',
        },
        {
          title: t('operator:candidates.distance'),
          key: 'distance',
          render: (_, row) => t('operator:candidates.distanceKm', { km: row.distanceKm.toFixed(1) }),
        },
        {
          title: t('operator:candidates.wage'),
          key: 'wage',
          render: (_, row) =>
            t('operator:candidates.wageRange', {
              min: formatYuan(row.wageMinFen),
              max: formatYuan(row.wageMaxFen),
            }),
        },
        {
          title: t('operator:candidates.reason'),
          key: 'reason',
          render: (_, row) => (
            <Typography.Text style={{ display: 'block', minWidth: 220, maxWidth: 360, whiteSpace: 'normal' }}>
              {row.reason[language]}
            </Typography.Text>
          ),
        },
        {
          title: t('operator:candidates.matchedSkills'),
          key: 'skills',
          render: (_, row) => (
            <Space wrap size={[0, 4]}>
              {row.matchedSkills.map((skill) => (
                <Tag key={skill}>{skill}</Tag>
              ))}
            </Space>
          ),
        },
        {
          title: t('operator:candidates.propose'),
          key: 'propose',
          render: (_, row) => {
            const already = proposedVacancyIds.has(row.vacancyId);
            return (
              <Button
                size="small"
                type="primary"
                disabled={!canPropose || already}
                title={canPropose ? undefined : t('operator:candidates.cannotPropose')}
                onClick={() => void propose(row)}
              >
                {already ? t('operator:candidates.proposed') : t('operator:candidates.propose')}
              </Button>
            );
          },
        },
      ]}
    />
  );
}
