import { App, Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n-helpers';
import { actionErrorMessage } from '../action-errors';
import type { CaseReferralStatus, HelpRequestState, HelpRequestView } from '../api-types';
import { ActionDialog } from './ActionDialog';
import { StartDateDialog } from './StartDateDialog';
import { referralActions } from './case-actions';
import { useCaseAction, useRefusalReasonCodes } from './use-case';

type Referral = HelpRequestView['referrals'][number];

/** A refusal for a reason outside the policy's list counts against the person. */
const OTHER_REASON = 'other';

const STATUS_COLOURS: Record<CaseReferralStatus, string> = {
  proposed: 'processing',
  employer_accepted: 'blue',
  employer_declined: 'default',
  person_accepted: 'cyan',
  person_declined: 'default',
  started: 'green',
  ended: 'default',
  expired: 'default',
};

interface Props {
  caseId: string;
  state: HelpRequestState;
  referrals: Referral[];
  /** Vacancy titles known from the candidate list, so rows name the job rather than its id. */
  vacancyTitles: Map<string, string>;
}

/** The case's referrals with the person's answer and the start confirmation where the state allows them. */
export function ReferralsTable({ caseId, state, referrals, vacancyTitles }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const action = useCaseAction(caseId);
  const reasonCodes = useRefusalReasonCodes();
  const [declining, setDeclining] = useState<Referral | null>(null);
  const [starting, setStarting] = useState<Referral | null>(null);

  const send = async (path: string, body: unknown) => {
    await action.mutateAsync({ path, body });
    void message.success(t('operator:action.done'));
  };
  const accept = (referral: Referral) =>
    send(`/referrals/${referral.referralId}/person-answer`, { answer: 'accepted' }).catch((error: unknown) =>
      message.error(actionErrorMessage(error, language, t)),
    );

  return (
    <>
      <Table<Referral>
        data-testid="referrals-table"
        aria-label={t('operator:referrals.title')}
        rowKey="referralId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={referrals}
        locale={{ emptyText: t('operator:referrals.empty') }}
        columns={[
          {
            title: t('operator:referrals.vacancy'),
            key: 'vacancy',
            render: (_, r) => vacancyTitles.get(r.vacancyId) ?? '—',
          },
          {
            title: t('operator:referrals.status'),
            key: 'status',
            render: (_, r) => (
              <Tag color={STATUS_COLOURS[r.status]} data-status={r.status}>
                {t(`operator:referrals.statusName.${r.status}`)}
              </Tag>
            ),
          },
          {
            title: t('operator:referrals.reason'),
            key: 'reason',
            render: (_, r) => (
              <Space wrap>
                {r.reason ? t(`operator:reasonCode.${r.reason}`, { defaultValue: r.reason }) : null}
                {r.unjustifiedRefusal && <Tag color="red">{t('operator:referrals.unjustified')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('operator:referrals.actions'),
            key: 'actions',
            render: (_, r) => {
              const allowed = referralActions(state, r.status);
              return (
                <Space wrap>
                  <Button
                    size="small"
                    disabled={!allowed.answer}
                    onClick={() => void accept(r)}
                    loading={action.isPending}
                  >
                    {t('operator:referrals.accept')}
                  </Button>
                  <Button size="small" disabled={!allowed.answer} onClick={() => setDeclining(r)}>
                    {t('operator:referrals.decline')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    disabled={!allowed.start}
                    onClick={() => setStarting(r)}
                  >
                    {t('operator:referrals.confirmStart')}
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />

      <ActionDialog<{ reasonCode?: string; reason: string }>
        open={declining !== null}
        title={t('operator:action.declineTitle')}
        onClose={() => setDeclining(null)}
        initialValues={{ reasonCode: undefined, reason: '' }}
        onSubmit={({ reasonCode, reason }) =>
          send(`/referrals/${declining?.referralId}/person-answer`, {
            answer: 'declined',
            reasonCode,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          })
        }
      >
        <Form.Item
          label={t('operator:action.declineReasonCode')}
          name="reasonCode"
          rules={[
            {
              required: true,
              message: t('operator:intake.chooseRequired', { field: t('operator:action.declineReasonCode') }),
            },
          ]}
        >
          <Select
            loading={reasonCodes.isLoading}
            options={[
              ...(reasonCodes.data ?? []).map((code) => ({
                value: code,
                label: t(`operator:reasonCode.${code}`, { defaultValue: code }),
              })),
              { value: OTHER_REASON, label: t('operator:action.declineOther') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('operator:action.declineReason')} name="reason" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </ActionDialog>

      <StartDateDialog
        open={starting !== null}
        title={t('operator:action.startTitle')}
        onClose={() => setStarting(null)}
        onSubmit={(startedOn) => send(`/referrals/${starting?.referralId}/start`, { startedOn })}
      />
    </>
  );
}
