import { App, Button, Form, Input, Radio, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseActions } from './case-actions';
import { ActionDialog } from './ActionDialog';
import { HandOffDialog } from './HandOffDialog';
import { StartDateDialog } from './StartDateDialog';
import { useCaseAction } from './use-case';

const CHANNELS = ['phone', 'in-person', 'online', 'sms', 'home-visit'] as const;
const ENDINGS = ['withdrawn', 'unreachable', 'ineligible', 'referred-elsewhere'] as const;

type Dialog = 'contact' | 'callback' | 'followUp' | 'handoff' | 'close' | 'escalationStart';

interface ContactValues {
  channel: (typeof CHANNELS)[number];
  reached: boolean;
  note: string;
}
interface CallbackValues {
  reached: boolean;
  working: boolean;
  satisfaction?: number;
  note: string;
}
interface FollowUpValues {
  reached: boolean;
  stillEmployed: boolean;
  note: string;
}
interface CloseValues {
  ending: (typeof ENDINGS)[number];
  reason: string;
}

/** The case-level actions; each one the state does not allow is disabled. */
export function CaseActionsBar({
  caseId,
  owner,
  allowed,
}: {
  caseId: string;
  owner: string;
  allowed: CaseActions;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useCaseAction(caseId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const send = async (path: string, body: unknown) => {
    await action.mutateAsync({ path, body });
    void message.success(t('operator:action.done'));
  };
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('operator:intake.required', { field: t(field) }) },
  ];
  const note = (label = 'operator:action.note', name = 'note', max = 1000) => (
    <Form.Item label={t(label)} name={name} rules={[...required(label), { max }]}>
      <Input.TextArea rows={3} maxLength={max} showCount />
    </Form.Item>
  );

  return (
    <>
      <div role="group" aria-label={t('operator:case.actions')}>
        <Space wrap>
          <Button disabled={!allowed.contact} onClick={() => setDialog('contact')}>
            {t('operator:action.contact')}
          </Button>
          <Button disabled={!allowed.callback} onClick={() => setDialog('callback')}>
            {t('operator:action.callback')}
          </Button>
          <Button disabled={!allowed.followUp} onClick={() => setDialog('followUp')}>
            {t('operator:action.followUp')}
          </Button>
          {allowed.escalationStart && (
            <Button type="primary" onClick={() => setDialog('escalationStart')}>
              {t('operator:action.escalationStart')}
            </Button>
          )}
          <Button disabled={!allowed.handoff} onClick={() => setDialog('handoff')}>
            {t('operator:action.handoff')}
          </Button>
          <Button danger disabled={!allowed.close} onClick={() => setDialog('close')}>
            {t('operator:action.close')}
          </Button>
        </Space>
      </div>

      <ActionDialog<ContactValues>
        open={dialog === 'contact'}
        title={t('operator:action.contact')}
        onClose={close}
        initialValues={{ channel: 'phone', reached: true, note: '' }}
        onSubmit={(values) => send('/contacts', values)}
      >
        <Form.Item label={t('operator:action.channel')} name="channel" rules={[{ required: true }]}>
          <Select
            options={CHANNELS.map((value) => ({ value, label: t(`operator:action.channelName.${value}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('operator:action.reached')} name="reached" valuePropName="checked">
          <Switch />
        </Form.Item>
        {note()}
      </ActionDialog>

      <ActionDialog<CallbackValues>
        open={dialog === 'callback'}
        title={t('operator:action.callback')}
        onClose={close}
        initialValues={{ reached: true, working: true, satisfaction: undefined, note: '' }}
        onSubmit={({ reached, working, satisfaction, note: text }) =>
          send(
            '/callback',
            reached ? { reached, working, satisfaction, note: text } : { reached, note: text },
          )
        }
      >
        <Form.Item label={t('operator:action.reached')} name="reached" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item noStyle dependencies={['reached']}>
          {({ getFieldValue }) =>
            getFieldValue('reached') ? (
              <>
                <Form.Item label={t('operator:action.working')} name="working" valuePropName="checked">
                  <Switch />
                </Form.Item>
                <Form.Item
                  label={t('operator:action.satisfaction')}
                  name="satisfaction"
                  rules={[
                    {
                      required: true,
                      message: t('operator:intake.chooseRequired', {
                        field: t('operator:action.satisfaction'),
                      }),
                    },
                  ]}
                >
                  <Radio.Group
                    optionType="button"
                    options={[1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }))}
                  />
                </Form.Item>
              </>
            ) : null
          }
        </Form.Item>
        {note()}
      </ActionDialog>

      <ActionDialog<FollowUpValues>
        open={dialog === 'followUp'}
        title={t('operator:action.followUp')}
        onClose={close}
        initialValues={{ reached: true, stillEmployed: true, note: '' }}
        onSubmit={(values) => send('/follow-ups', values)}
      >
        <Form.Item label={t('operator:action.reached')} name="reached" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={t('operator:action.stillEmployed')} name="stillEmployed" valuePropName="checked">
          <Switch />
        </Form.Item>
        {note()}
      </ActionDialog>

      <HandOffDialog
        caseId={caseId}
        owner={owner}
        open={dialog === 'handoff'}
        onClose={close}
        onSubmit={(values) => send('/handoff', values)}
      />

      <ActionDialog<CloseValues>
        open={dialog === 'close'}
        title={t('operator:action.close')}
        onClose={close}
        initialValues={{ ending: undefined, reason: '' }}
        onSubmit={(values) => send('/close', values)}
      >
        <Form.Item
          label={t('operator:action.ending')}
          name="ending"
          rules={[
            {
              required: true,
              message: t('operator:intake.chooseRequired', { field: t('operator:action.ending') }),
            },
          ]}
        >
          <Select
            options={ENDINGS.map((value) => ({ value, label: t(`operator:action.endingName.${value}`) }))}
          />
        </Form.Item>
        {note('operator:action.closeReason', 'reason', 500)}
      </ActionDialog>

      <StartDateDialog
        open={dialog === 'escalationStart'}
        title={t('operator:action.escalationStart')}
        onClose={close}
        onSubmit={(startedOn) => send('/escalation/start', { startedOn })}
      />
    </>
  );
}
