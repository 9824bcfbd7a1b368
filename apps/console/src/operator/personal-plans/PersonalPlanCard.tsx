import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import { AddItemDialog, AgreePlanDialog, CloseItemDialog, ReviewPlanDialog } from './PlanDialogs';
import { PersonalPlan, PlanItem, usePersonalPlan } from './use-personal-plan';

type Dialog =
  | { kind: 'agree' }
  | { kind: 'review' }
  | { kind: 'add' }
  | { kind: 'close'; item: PlanItem; status: 'done' | 'dropped' };

/**
 * The person's plan (一人一策) on the case page: the agreement (when, how, goals), the agreed services with
 * their due dates and who is responsible, the reviews, and a warning when the last contact was not used to
 * review it. Only assistance targets (a person with an assistance category) get a plan.
 */
export function PersonalPlanCard({ caseId, owner }: { caseId: string; owner: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const answer = usePersonalPlan(caseId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const data = answer.data;
  const plan = data?.plan ?? null;

  return (
    <Card
      size="small"
      data-testid="personal-plan"
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {t('plans:title')}
        </Typography.Title>
      }
      extra={
        data?.assistanceTarget && (
          <Space>
            {plan && (
              <>
                <Button type="primary" onClick={() => setDialog({ kind: 'review' })}>
                  {t('plans:review')}
                </Button>
                <Button onClick={() => setDialog({ kind: 'add' })}>{t('plans:addItem')}</Button>
              </>
            )}
            <Button onClick={() => setDialog({ kind: 'agree' })}>
              {t(plan ? 'plans:agreeAgain' : 'plans:agree')}
            </Button>
          </Space>
        )
      }
    >
      {answer.isError && <Alert type="warning" showIcon title={t('plans:loadFailed')} />}
      {data && !data.personId && (
        <Typography.Text type="secondary">{t('plans:notRegistered')}</Typography.Text>
      )}
      {data?.personId && !data.assistanceTarget && (
        <Typography.Text type="secondary">{t('plans:notTarget')}</Typography.Text>
      )}
      {data?.assistanceTarget && !plan && <Typography.Text>{t('plans:none')}</Typography.Text>}
      {plan && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {data?.notReviewedAtLastContact && data.lastContact && (
            <Alert
              type="warning"
              showIcon
              data-testid="plan-not-reviewed"
              title={t('plans:notReviewed', {
                at: formatInstant(data.lastContact.at, language),
                by: data.lastContact.by.name,
              })}
            />
          )}
          <PlanSummary plan={plan} />
          <ItemsTable
            items={plan.items}
            onClose={(item, status) => setDialog({ kind: 'close', item, status })}
          />
          {plan.reviews.length > 0 && (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{t('plans:reviews')}</Typography.Text>
              {plan.reviews.map((review) => (
                <Typography.Text key={review.id}>
                  {t('plans:reviewLine', {
                    at: formatInstant(review.reviewedAt, language),
                    by: review.reviewedBy.name,
                    note: review.note,
                  })}
                </Typography.Text>
              ))}
            </Space>
          )}
        </Space>
      )}
      {!!data?.history.length && (
        <Space orientation="vertical" size={0} style={{ marginTop: 12 }} data-testid="plan-history">
          <Typography.Text strong>{t('plans:history')}</Typography.Text>
          {data.history.map((old) => (
            <Typography.Text key={old.id} type="secondary">
              {t('plans:historyLine', {
                agreedOn: old.agreedOn,
                by: old.agreedBy.name,
                done: old.itemsDone,
                items: old.items,
                at: formatInstant(old.supersededAt, language),
              })}
            </Typography.Text>
          ))}
        </Space>
      )}
      {dialog?.kind === 'agree' && (
        <AgreePlanDialog caseId={caseId} responsible={owner} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'add' && plan && (
        <AddItemDialog caseId={caseId} planId={plan.id} responsible={owner} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'review' && plan && (
        <ReviewPlanDialog
          caseId={caseId}
          planId={plan.id}
          items={plan.items}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'close' && plan && (
        <CloseItemDialog
          caseId={caseId}
          planId={plan.id}
          item={dialog.item}
          status={dialog.status}
          onClose={() => setDialog(null)}
        />
      )}
    </Card>
  );
}

function PlanSummary({ plan }: { plan: PersonalPlan }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'agreedOn', label: t('plans:agreedOn'), children: plan.agreedOn },
        {
          key: 'how',
          label: t('plans:agreedHow'),
          children: t(`plans:method.${plan.agreement.method}`, {
            witness: plan.agreement.witnessMasked ?? '',
          }),
        },
        { key: 'goals', label: t('plans:goals'), children: plan.goals },
        ...(plan.targetJob ? [{ key: 'job', label: t('plans:targetJob'), children: plan.targetJob }] : []),
        ...(plan.expectedMonthlyIncomeYuan != null
          ? [
              {
                key: 'income',
                label: t('plans:expectedIncome'),
                children: t('plans:yuan', { amount: plan.expectedMonthlyIncomeYuan }),
              },
            ]
          : []),
        { key: 'by', label: t('plans:agreedBy'), children: plan.agreedBy.name },
        {
          key: 'review',
          label: t('plans:reviewStatus'),
          children: plan.lastReview
            ? t('plans:lastReview', {
                at: formatInstant(plan.lastReview.at, language),
                by: plan.lastReview.by.name,
              })
            : t('plans:neverReviewed'),
        },
      ]}
    />
  );
}

function ItemsTable({
  items,
  onClose,
}: {
  items: PlanItem[];
  onClose: (item: PlanItem, status: 'done' | 'dropped') => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<PlanItem>
      size="small"
      rowKey="id"
      data-testid="plan-items"
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('plans:column.kind'), key: 'kind', render: (_, item) => t(`plans:kind.${item.kind}`) },
        { title: t('plans:column.description'), dataIndex: 'description', key: 'description' },
        {
          title: t('plans:column.dueOn'),
          key: 'dueOn',
          render: (_, item) => (
            <Space>
              {item.dueOn}
              <DueTag days={item.daysOverdue} />
            </Space>
          ),
        },
        {
          title: t('plans:column.responsible'),
          key: 'responsible',
          render: (_, item) => item.responsible.name,
        },
        {
          title: t('plans:column.status'),
          key: 'status',
          render: (_, item) => (
            <Space orientation="vertical" size={0}>
              <Tag color={item.status === 'done' ? 'green' : item.status === 'dropped' ? 'default' : 'blue'}>
                {t(`plans:status.${item.status}`)}
              </Tag>
              {item.outcome && <Typography.Text type="secondary">{item.outcome}</Typography.Text>}
            </Space>
          ),
        },
        {
          title: t('plans:column.actions'),
          key: 'actions',
          render: (_, item) =>
            item.status === 'open' ? (
              <Space>
                <Button size="small" onClick={() => onClose(item, 'done')}>
                  {t('plans:markDone')}
                </Button>
                <Button size="small" onClick={() => onClose(item, 'dropped')}>
                  {t('plans:markDropped')}
                </Button>
              </Space>
            ) : null,
        },
      ]}
    />
  );
}

/** Days past due as words: overdue in red, today in gold, days left while within a week. */
export function DueTag({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return null;
  if (days > 0) return <Tag color="red">{t('plans:overdueDays', { days })}</Tag>;
  if (days === 0) return <Tag color="gold">{t('plans:dueToday')}</Tag>;
  if (days >= -7) return <Tag>{t('plans:daysLeft', { days: -days })}</Tag>;
  return null;
}
