import { Alert, App, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, useLanguage } from '../../shared/i18n-helpers';
import { newIdempotencyKey } from '../format';
import type { WorklistItem } from './api-types';
import { type ContactRecord, useRecordContact } from './use-three-plus-one';

const KINDS = ['callback', 'follow-up', 'visit'] as const;
const CHANNELS = ['phone', 'in-person', 'home-visit', 'sms', 'online'] as const;

/**
 * Records a contact with a person of the worklist as a service record (POST /persons/{id}/service-records),
 * awaiting their confirmation like every record the staff side writes first.
 */
export function RecordContactDialog({ person, onClose }: { person: WorklistItem; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Pick<ContactRecord, 'kind' | 'channel' | 'outcome'>>();
  const [problems, setProblems] = useState<string[]>([]);
  // One key per dialog: a submit retried after a lost answer writes one record.
  const [requestId] = useState(() => `three-plus-one:${newIdempotencyKey().slice('intake-'.length)}`);
  const record = useRecordContact(person.personId);

  const submit = async () => {
    // A field the form refuses shows its message under the field; nothing is sent.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setProblems([]);
    record.mutate(
      { ...values, outcome: values.outcome.trim(), requestId },
      {
        onSuccess: () => {
          void message.success(t('threePlusOne:contact.done'));
          onClose();
        },
        onError: (error) => setProblems(applyFieldErrors(form, error, language)),
      },
    );
  };

  return (
    <Modal
      open
      title={t('threePlusOne:contact.title', { name: person.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('threePlusOne:contact.submit')}
      okButtonProps={{ loading: record.isPending }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('threePlusOne:contact.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ kind: 'callback', channel: 'phone' }}>
          <Form.Item name="kind" label={t('threePlusOne:contact.kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={KINDS.map((kind) => ({ value: kind, label: t(`threePlusOne:kind.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item name="channel" label={t('threePlusOne:contact.channel')} rules={[{ required: true }]}>
            <Radio.Group
              options={CHANNELS.map((channel) => ({
                value: channel,
                label: t(`threePlusOne:channel.${channel}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="outcome"
            label={t('threePlusOne:contact.outcome')}
            rules={[
              { required: true, whitespace: true, max: 2000, message: t('threePlusOne:contact.outcomeRule') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Form>
        {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} />}
      </Space>
    </Modal>
  );
}
