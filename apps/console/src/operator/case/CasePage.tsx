import { Alert, Button, Card, Descriptions, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../shared/api';
import { errorMessage, localized, useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import type { CaseDetail } from '../api-types';
import { formatDeadline } from '../format';
import { StateTag } from '../StateTag';
import { CallerPanel } from './CallerPanel';
import { CandidatesTable } from './CandidatesTable';
import { caseActions, isLiveReferral, showsCandidates } from './case-actions';
import { CaseActionsBar } from './CaseActionsBar';
import { CaseTimeline } from './CaseTimeline';
import { LocationPanel } from './LocationPanel';
import { ReferralsTable } from './ReferralsTable';
import { ServiceRecordsCard } from '../service-records/ServiceRecordsCard';
import { RetryRegistrationDialog } from './RetryRegistrationDialog';
import { SlaCountdown } from './SlaCountdown';
import { useCandidates, useCaseDetail } from './use-case';
import { shortId } from '../../shared/format';
import { HouseholdEpisodeLink } from '../../households/HouseholdEpisodeLink';
import { PersonalPlanCard } from '../personal-plans/PersonalPlanCard';

/** One case: where it stands, its clock, what can be done next, and what happened so far. */
export function CasePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { caseId = '' } = useParams();
  const detail = useCaseDetail(caseId);

  if (detail.isLoading) return <Spin description={t('common:loading')} />;
  if (detail.isError) {
    const missing = detail.error instanceof ApiError && [400, 404].includes(detail.error.status);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('operator:case.notFound') : t('operator:case.loadFailed')}
        subTitle={missing ? undefined : errorMessage(detail.error, language)}
        extra={
          <Space>
            {!missing && <Button onClick={() => void detail.refetch()}>{t('common:retry')}</Button>}
            <Link to="../cases">{t('operator:case.back')}</Link>
          </Space>
        }
      />
    );
  }
  return <CaseView detail={detail.data as CaseDetail} />;
}

function CaseView({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const view = detail.view;
  const allowed = caseActions(detail);
  const candidates = useCandidates(
    detail.caseId,
    view?.personId ?? null,
    !!view && showsCandidates(view.state),
  );
  const vacancyTitles = new Map((candidates.data ?? []).map((v) => [v.vacancyId, v.title]));
  const proposed = new Set(
    (view?.referrals ?? []).filter((r) => isLiveReferral(r.status)).map((r) => r.vacancyId),
  );
  const sla = view?.sla ?? null;
  const [retrying, setRetrying] = useState(false);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {detail.caller ? `${detail.caller.name} · ` : ''}
          {t('operator:case.title', { id: shortId(detail.caseId) })}
        </Typography.Title>
        <StateTag state={detail.state} testId="case-state" />
        <Link to="../cases">{t('operator:case.back')}</Link>
        <HouseholdEpisodeLink personId={view?.personId ?? null} />
        {view?.personId && (
          <Link to={`/operator/training?referPerson=${encodeURIComponent(view.personId)}`}>
            {t('training:referFromCase')}
          </Link>
        )}
      </Space>

      {!view && <Alert type="info" showIcon title={t('operator:case.stillOpening')} />}
      {view?.registrationFailure && view.state === 'intake' && (
        <Alert
          type="error"
          showIcon
          data-testid="registration-failure"
          title={t('operator:case.registrationFailed')}
          description={
            <Space orientation="vertical" size={0}>
              {view.registrationFailure.errors.length
                ? view.registrationFailure.errors.map((e) => (
                    <span key={`${e.field}:${e.rule}`}>{e.message[language]}</span>
                  ))
                : localized(view.registrationFailure.reason, language)}
              {detail.registrationRetryable ? (
                <Button
                  type="primary"
                  size="small"
                  style={{ marginTop: 8 }}
                  onClick={() => setRetrying(true)}
                  data-testid="retry-registration"
                >
                  {t('operator:retry.button')}
                </Button>
              ) : (
                <span>{t('operator:case.registrationFailedHint')}</span>
              )}
            </Space>
          }
        />
      )}
      {retrying && <RetryRegistrationDialog caseId={detail.caseId} onClose={() => setRetrying(false)} />}
      {sla?.provisional && (
        <Alert
          type="warning"
          showIcon
          title={t('operator:sla.provisional', { years: sla.missingYears.join(', ') })}
        />
      )}

      <CallerPanel detail={detail} />

      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'countdown',
              label: t('operator:case.countdown'),
              children: <SlaCountdown detail={detail} />,
            },
            {
              key: 'deadline',
              label: t('operator:case.deadline'),
              children: sla ? formatDeadline(sla.deadline, sla.dueDate) : '—',
            },
            { key: 'owner', label: t('operator:case.owner'), children: detail.ownerName },
            {
              key: 'openedAt',
              label: t('operator:case.openedAt'),
              children: formatInstant(detail.openedAt, language),
            },
            { key: 'openedBy', label: t('operator:case.openedBy'), children: detail.openedByName },
            { key: 'cycle', label: t('operator:case.cycle'), children: view?.cycle ?? 1 },
            {
              key: 'escalation',
              label: t('operator:case.escalation'),
              children: view?.escalation
                ? t(`common:escalationKind.${view.escalation.kind}`)
                : t('operator:case.none'),
            },
            {
              key: 'callback',
              label: t('operator:case.callback'),
              children: view?.callback
                ? view.callback.doneAt
                  ? t('operator:case.callbackDone', {
                      at: formatInstant(view.callback.doneAt, language),
                      satisfaction: view.callback.satisfaction ?? '—',
                    })
                  : t('operator:case.callbackDue', { at: formatInstant(view.callback.dueAt, language) })
                : t('operator:case.none'),
            },
            {
              key: 'followUps',
              label: t('operator:case.followUps'),
              children: view?.followUps.length ? (
                <Space orientation="vertical" size={0}>
                  {view.followUps.map((f) => (
                    <span key={f.dueAt}>
                      {f.doneAt
                        ? t('operator:case.followUpDone', {
                            at: formatInstant(f.doneAt, language),
                            employed: t(
                              f.stillEmployed === null
                                ? 'operator:case.unknown'
                                : f.stillEmployed
                                  ? 'operator:case.employed'
                                  : 'operator:case.notEmployed',
                            ),
                          })
                        : t('operator:case.followUpDue', { at: formatInstant(f.dueAt, language) })}
                    </span>
                  ))}
                </Space>
              ) : (
                t('operator:case.none')
              ),
            },
            { key: 'refusals', label: t('operator:case.refusals'), children: view?.unjustifiedRefusals ?? 0 },
            ...(view?.reason
              ? [{ key: 'reason', label: t('operator:case.reason'), children: view.reason }]
              : []),
          ]}
        />
      </Card>

      <Card size="small" title={t('operator:case.actions')}>
        <CaseActionsBar caseId={detail.caseId} owner={view?.owner ?? detail.openedBy} allowed={allowed} />
      </Card>

      <LocationPanel caseId={detail.caseId} />

      {view && showsCandidates(view.state) && (
        <Card
          size="small"
          title={
            <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
              {t('operator:candidates.title')}
            </Typography.Title>
          }
        >
          <CandidatesTable
            caseId={detail.caseId}
            candidates={candidates}
            canPropose={allowed.propose}
            proposedVacancyIds={proposed}
          />
        </Card>
      )}

      {view && (
        <Card
          size="small"
          title={
            <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
              {t('operator:referrals.title')}
            </Typography.Title>
          }
        >
          <ReferralsTable
            caseId={detail.caseId}
            state={view.state}
            referrals={view.referrals}
            vacancyTitles={vacancyTitles}
          />
        </Card>
      )}

      {view?.personId && <ServiceRecordsCard personId={view.personId} />}

      {view && <PersonalPlanCard caseId={detail.caseId} owner={view.owner} />}

      <Card
        size="small"
        title={
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            {t('operator:case.timeline')}
          </Typography.Title>
        }
      >
        <CaseTimeline entries={detail.timeline} />
      </Card>
    </Space>
  );
}
