import { Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../shared/api';
import { errorMessage, useLanguage } from '../shared/i18n-helpers';
import { formatInstant, shanghaiDay } from '../shared/time';
import type { EpisodeDetail, HouseholdMember } from './api-types';
import { EpisodeActions } from './EpisodeActions';
import { ClockTag, communityNameOf, DoubleTag, StatusTag } from './EpisodeTags';
import { StaffPanel } from './StaffPanel';
import { useEpisode, useHousehold } from './use-households';

/** One household's assistance: its members, the clocks, who is in charge, what was done, and what to do next. */
export function HouseholdEpisodePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { episodeId = '' } = useParams();
  const episode = useEpisode(episodeId);

  if (episode.isLoading) return <Spin description={t('common:loading')} />;
  if (episode.isError) {
    const missing = episode.error instanceof ApiError && [400, 404].includes(episode.error.status);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('households:episode.notFound') : t('households:episode.loadFailed')}
        subTitle={missing ? undefined : errorMessage(episode.error, language)}
        extra={
          <Space>
            {!missing && <Button onClick={() => void episode.refetch()}>{t('common:retry')}</Button>}
            <Link to="..">{t('households:episode.back')}</Link>
          </Space>
        }
      />
    );
  }
  return <EpisodeView detail={episode.data as EpisodeDetail} />;
}

function EpisodeView({ detail }: { detail: EpisodeDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { summary, view } = detail;
  const household = useHousehold(summary.householdId);
  const members = household.data?.members ?? [];
  const nameOf = (personId: string) => members.find((m) => m.personId === personId)?.name;
  // The view is what the last action answered; the board row (days left) may lag it by a moment.
  const clock = {
    status: view.status,
    warned: view.clock.warned,
    breached: view.clock.breached,
    metAt: view.clock.metAt,
    daysLeft: view.status === 'open' ? summary.daysLeft : null,
  };
  const sectionTitle = (key: string) => (
    <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
      {t(key)}
    </Typography.Title>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {communityNameOf(summary, language)} · {t('households:episode.title')}
        </Typography.Title>
        <StatusTag episode={view} />
        <Link to="..">{t('households:episode.back')}</Link>
      </Space>

      <Card size="small" title={sectionTitle('households:episode.household')} data-testid="household-members">
        {household.isError ? (
          <Typography.Text type="danger">{errorMessage(household.error, language)}</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {household.data && (
              <Typography.Text>{t(`households:episode.hukou.${household.data.hukouType}`)}</Typography.Text>
            )}
            <Table<HouseholdMember>
              size="small"
              rowKey="personId"
              loading={household.isLoading}
              pagination={false}
              aria-label={t('households:episode.members')}
              dataSource={members}
              columns={[
                { title: t('households:episode.memberName'), dataIndex: 'name' },
                {
                  title: t('households:episode.relation'),
                  dataIndex: 'relation',
                  render: (relation: string) =>
                    t(`households:episode.relations.${relation}`, {
                      defaultValue: t('households:episode.relations.other'),
                    }),
                },
                {
                  title: t('households:episode.employment'),
                  dataIndex: 'unemploymentStatus',
                  render: (status: string | null) =>
                    status
                      ? t(`households:episode.unemploymentStatus.${status}`, {
                          defaultValue: t('households:episode.notRegistered'),
                        })
                      : t('households:episode.notRegistered'),
                },
              ]}
            />
          </Space>
        )}
      </Card>

      <Card size="small" title={sectionTitle('households:episode.clock')} data-testid="episode-clock">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'community',
              label: t('households:episode.community'),
              children: communityNameOf(summary, language),
            },
            {
              key: 'basis',
              label: t('households:episode.basis'),
              children: t(`households:basis.${summary.basis}`),
            },
            {
              key: 'foundAt',
              label: t('households:episode.foundAt'),
              children: formatInstant(view.foundAt, language),
            },
            { key: 'dueDate', label: t('households:episode.dueDate'), children: view.clock.dueDate },
            {
              key: 'remaining',
              label: t('households:episode.remaining'),
              children: <ClockTag episode={clock} />,
            },
            {
              key: 'employed',
              label: t('households:episode.employedMembers'),
              children: view.employedMembers.length
                ? view.employedMembers.map((id) => nameOf(id) ?? '—').join('、')
                : t('households:episode.none'),
            },
            ...(view.resolution
              ? [
                  {
                    key: 'resolution',
                    label: t('households:episode.resolution'),
                    children: `${t(`households:resolution.${view.resolution}`)}（${formatInstant(view.resolvedAt, language)}）`,
                  },
                ]
              : []),
            ...(view.reopenCount
              ? [{ key: 'reopened', label: t('households:episode.reopened'), children: view.reopenCount }]
              : []),
            ...(view.followUps.length
              ? [
                  {
                    key: 'followUps',
                    label: t('households:episode.followUps'),
                    children: (
                      <Space orientation="vertical" size={0}>
                        {view.followUps.map((f) => (
                          <span key={f.month}>
                            {f.doneAt
                              ? t('households:episode.followUpDone', {
                                  month: f.month,
                                  at: formatInstant(f.doneAt, language),
                                  employed: t(
                                    f.stillEmployed
                                      ? 'households:episode.stillEmployed'
                                      : 'households:episode.notEmployed',
                                  ),
                                })
                              : t('households:episode.followUpDue', {
                                  month: f.month,
                                  at: shanghaiDay(new Date(f.dueAt)),
                                })}
                          </span>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
            ...(view.memberCases.length
              ? [
                  {
                    key: 'memberCases',
                    label: t('households:episode.memberCases'),
                    children: (
                      <Space wrap>
                        {view.memberCases.map((c) => (
                          <Link key={c.caseId} to={`/operator/cases/${c.caseId}`}>
                            {t('households:episode.openCase', { name: nameOf(c.personId) ?? '' })}
                          </Link>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      {view.doubleEmployment && (
        <Card size="small" title={sectionTitle('households:episode.doubleClock')} data-testid="double-clock">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'requested',
                label: t('households:episode.doubleRequestedAt'),
                children: formatInstant(view.doubleEmployment.requestedAt, language),
              },
              {
                key: 'due',
                label: t('households:episode.doubleDueDate'),
                children: view.doubleEmployment.dueDate,
              },
              {
                key: 'state',
                label: t('households:episode.doubleState'),
                children: (
                  <Space>
                    {/* From the view: the action's answer carries it at once, the board row follows. */}
                    <DoubleTag
                      episode={{
                        doubleRequestedAt: view.doubleEmployment.requestedAt,
                        doubleMetAt: view.doubleEmployment.metAt,
                        doubleBreached: view.doubleEmployment.breached,
                        status: view.status,
                      }}
                    />
                    {view.doubleEmployment.warned &&
                      view.status !== 'closed' &&
                      !view.doubleEmployment.breached &&
                      !view.doubleEmployment.metAt && (
                        <Tag color="orange">{t('households:clock.warning')}</Tag>
                      )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}

      <StaffPanel detail={detail} />

      {view.status !== 'closed' && (
        <Card size="small" title={sectionTitle('households:actions.title')}>
          <EpisodeActions detail={detail} members={members} />
        </Card>
      )}

      <Card size="small" title={sectionTitle('households:card.title')} data-testid="tracking-card">
        <TrackingCard detail={detail} nameOf={nameOf} />
      </Card>
    </Space>
  );
}

const ALERT_KINDS = new Set(['breached', 'double-breached']);
const WARNING_KINDS = new Set(['warning', 'double-warning', 'follow-up-due', 'reopened', 'reentered-status']);
const GOOD_KINDS = new Set(['member-employed', 'double-achieved', 'left-status']);

/** The tracking card (动态跟踪服务卡), newest first: the hotline's sentence, the member by name, who did it, when. */
function TrackingCard({
  detail,
  nameOf,
}: {
  detail: EpisodeDetail;
  nameOf: (personId: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!detail.card.length)
    return <Typography.Text type="secondary">{t('households:card.empty')}</Typography.Text>;
  return (
    <Timeline
      items={detail.card.map((line, index) => {
        const member = line.personId ? nameOf(line.personId) : undefined;
        return {
          key: `${line.at}-${line.kind}-${index}`,
          color: ALERT_KINDS.has(line.kind)
            ? 'red'
            : WARNING_KINDS.has(line.kind)
              ? 'orange'
              : GOOD_KINDS.has(line.kind)
                ? 'green'
                : 'blue',
          content: (
            <div data-testid="card-line" data-kind={line.kind}>
              <Typography.Text type="secondary">{formatInstant(line.at, language)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                · {line.actorName || t('households:card.system')}
              </Typography.Text>
              <div>
                {line.sentence[language]}
                {member && (
                  <Tag style={{ marginInlineStart: 8 }}>{t('households:card.member', { name: member })}</Tag>
                )}
              </div>
              {line.note && <Typography.Text type="secondary">“{line.note}”</Typography.Text>}
            </div>
          ),
        };
      })}
    />
  );
}
