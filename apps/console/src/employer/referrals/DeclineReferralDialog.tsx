import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import {
  DECLINE_REASON_CODES,
  DECLINE_REASONS,
  DECLINE_NOTE_MAX,
  type DeclineReasonCode,
  type EmployerReferral,
} from './referral-model';
import { useDecideReferral } from './use-referrals';

interface Values {
  code?: DeclineReasonCode;
  note?: string;
}

/** Declining needs a reason: the operator tells the person why and looks for another vacancy. */
export function DeclineReferralDialog({
  referral,
  onClose,
}: {
  referral: EmployerReferral;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const decide = useDecideReferral();
  const done = () => {
    void message.success(t('employer:referral.declined', { name: referral.candidate.name }));
    onClose();
  };
  const code = Form.useWatch('code', form);

  const submit = ({ code: chosen, note }: Values) =>
    decide.mutate(
      { action: 'decline', id: referral.id, reasonCode: chosen!, reason: note?.trim() || undefined },
      { onSuccess: done },
    );

  return (
    <Modal
      open
      title={t('employer:decline.title', { name: referral.candidate.name })}
      okText={t('employer:decline.submit')}
      okButtonProps={{
        danger: true,
        loading: decide.isPending,
        htmlType: 'submit',
        form: 'referral-decline-form',
      }}
      cancelText={t('common:cancel')}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        id="referral-decline-form"
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="referral-decline-form"
      >
        <Form.Item
          name="code"
          label={t('employer:decline.reason')}
          rules={[{ required: true, message: t('employer:decline.reasonRequired') }]}
        >
          <Select
            options={DECLINE_REASON_CODES.map((value) => ({
              value,
              label: DECLINE_REASONS[value][language],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('employer:decline.note')}
          dependencies={['code']}
          rules={[
            { required: code === 'other', whitespace: true, message: t('employer:decline.noteRequired') },
            { max: DECLINE_NOTE_MAX, message: t('employer:vacancy.tooLong', { max: DECLINE_NOTE_MAX }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={DECLINE_NOTE_MAX} showCount />
        </Form.Item>
        {decide.isError && (
          <Alert type="error" showIcon title={errorMessage(decide.error, language)} role="alert" />
        )}
      </Form>
    </Modal>
  );
}
