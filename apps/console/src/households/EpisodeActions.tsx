import { Button, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasAnyRole, useUser } from '../shared/auth';
import { useLanguage } from '../shared/i18n-helpers';
import { formatInstant } from '../shared/time';
import { ActionDialog } from '../operator/case/ActionDialog';
import { CONTACT_KINDS, type ContactKind, type EpisodeDetail, type HouseholdMember } from './api-types';
import { dueFollowUp } from './household-rows';
import { useEpisodeAction, useMemberCases } from './use-households';

type Dialog = 'contact' | 'double' | 'follow-up' | 'link-case' | 'close';

interface Props {
  detail: EpisodeDetail;
  members: HouseholdMember[];
}

/** What staff do for the household: contacts, double employment, follow-ups, members' cases, and (a supervisor) ending it. */
export function EpisodeActions({ detail, members }: Props) {
  const { t } = useTranslation();
  const user = useUser();
  const action = useEpisodeAction(detail.summary.episodeId);
  const [open, setOpen] = useState<Dialog | null>(null);
  const view = detail.view;
  const closed = view.status === 'closed';
  const followUp = view.status === 'resolved' ? dueFollowUp(view.followUps, new Date()) : null;
  const send = (path: string) => (body: unknown) => action.mutateAsync({ path, body });
  const close = () => setOpen(null);
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('households:actions.required', { field: t(field) }),
  });
  const memberOptions = members.map((m) => ({ value: m.personId, label: m.name }));

  if (closed) return null;
  return (
    <>
      <Space wrap>
        <Button type="primary" onClick={() => setOpen('contact')}>
          {t('households:actions.contact')}
        </Button>
        {!view.doubleEmployment && (
          <Button onClick={() => setOpen('double')}>{t('households:actions.double')}</Button>
        )}
        {followUp && (
          <Button onClick={() => setOpen('follow-up')}>
            {t('households:actions.followUp')} ·{' '}
            {t('households:actions.followUpOf', { month: followUp.month })}
          </Button>
        )}
        {members.length > 0 && (
          <Button onClick={() => setOpen('link-case')}>{t('households:actions.linkCase')}</Button>
        )}
        {hasAnyRole(user, ['supervisor']) && (
          <Button danger onClick={() => setOpen('close')}>
            {t('households:actions.close')}
          </Button>
        )}
      </Space>

      <ActionDialog<{ kind: ContactKind; personId?: string; note: string }>
        open={open === 'contact'}
        title={t('households:actions.contact')}
        onClose={close}
        initialValues={{ kind: 'call', note: '' }}
        onSubmit={({ personId, ...rest }) => send('contacts')({ ...rest, personId: personId || undefined })}
      >
        <Form.Item label={t('households:actions.contactKind')} name="kind">
          <Radio.Group
            optionType="button"
            options={CONTACT_KINDS.map((kind) => ({
              value: kind,
              label: t(`households:actions.contactKinds.${kind}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('households:actions.member')} name="personId" htmlFor="contact-member">
          <Select
            id="contact-member"
            allowClear
            placeholder={t('households:actions.wholeHousehold')}
            options={memberOptions}
          />
        </Form.Item>
        <Form.Item
          label={t('households:actions.note')}
          name="note"
          rules={[required('households:actions.note'), { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </ActionDialog>

      <ActionDialog<{ note: string }>
        open={open === 'double'}
        title={t('households:actions.double')}
        onClose={close}
        initialValues={{ note: '' }}
        onSubmit={({ note }) => send('double-employment')({ note: note || undefined })}
      >
        <Typography.Paragraph>{t('households:actions.doubleHint')}</Typography.Paragraph>
        <Form.Item label={t('households:actions.doubleNote')} name="note" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </ActionDialog>

      {followUp && (
        <ActionDialog<{ stillEmployed: boolean; note: string }>
          open={open === 'follow-up'}
          title={t('households:actions.followUpOf', { month: followUp.month })}
          onClose={close}
          initialValues={{ note: '' }}
          onSubmit={({ stillEmployed, note }) =>
            send('follow-ups')({ month: followUp.month, stillEmployed, note: note || undefined })
          }
        >
          <Form.Item
            label={t('households:actions.stillEmployedQuestion')}
            name="stillEmployed"
            rules={[
              {
                required: true,
                message: t('households:actions.choose', {
                  field: t('households:actions.stillEmployedQuestion'),
                }),
              },
            ]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('households:actions.yes') },
                { value: false, label: t('households:actions.no') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('households:actions.followUpNote')} name="note" rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </ActionDialog>
      )}

      <ActionDialog<{ personId: string; caseId: string }>
        open={open === 'link-case'}
        title={t('households:actions.linkCase')}
        onClose={close}
        onSubmit={({ caseId }) => send('member-cases')({ caseId })}
      >
        <MemberCaseFields memberOptions={memberOptions} />
      </ActionDialog>

      <ActionDialog<{ note: string }>
        open={open === 'close'}
        title={t('households:actions.close')}
        onClose={close}
        initialValues={{ note: '' }}
        onSubmit={send('close')}
      >
        <Typography.Paragraph>{t('households:actions.closeHint')}</Typography.Paragraph>
        <Form.Item
          label={t('households:actions.closeNote')}
          name="note"
          rules={[required('households:actions.closeNote'), { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </ActionDialog>
    </>
  );
}

/** A member, then one of that member's open cases by when it was received and where it stands: no number to type. */
function MemberCaseFields({ memberOptions }: { memberOptions: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = Form.useFormInstance();
  const personId = Form.useWatch<string | undefined>('personId', form);
  const cases = useMemberCases(personId);
  const choose = (field: string) => ({
    required: true,
    message: t('households:actions.choose', { field: t(field) }),
  });
  return (
    <>
      <Form.Item
        label={t('households:actions.caseMember')}
        name="personId"
        htmlFor="link-case-member"
        rules={[choose('households:actions.caseMember')]}
      >
        <Select
          id="link-case-member"
          options={memberOptions}
          onChange={() => form.setFieldValue('caseId', undefined)}
        />
      </Form.Item>
      <Form.Item
        label={t('households:actions.case')}
        name="caseId"
        htmlFor="link-case-case"
        rules={[choose('households:actions.case')]}
      >
        <Select
          id="link-case-case"
          disabled={!personId}
          loading={cases.isLoading && !!personId}
          notFoundContent={cases.isLoading ? null : t('households:actions.noCases')}
          options={(cases.data ?? []).map((c) => ({
            value: c.caseId,
            label: t('households:actions.caseOption', {
              openedAt: formatInstant(c.openedAt, language),
              state: t(`common:caseState.${c.state}`, { defaultValue: c.state }),
            }),
          }))}
        />
      </Form.Item>
    </>
  );
}
