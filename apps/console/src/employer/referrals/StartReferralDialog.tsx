import { Alert, App, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { shanghaiDay } from '../../shared/time';
import type { EmployerReferral } from './referral-model';
import { useDecideReferral } from './use-referrals';

/** The employer confirms the day the person started work; this is what closes the placement on the clock. */
export function StartReferralDialog({
  referral,
  onClose,
}: {
  referral: EmployerReferral;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<{ startedOn: Dayjs }>();
  const { message } = App.useApp();
  const decide = useDecideReferral();
  const done = () => {
    void message.success(t('employer:referral.started', { name: referral.candidate.name }));
    onClose();
  };
  const today = dayjs(shanghaiDay());

  const submit = ({ startedOn }: { startedOn: Dayjs }) =>
    decide.mutate(
      { action: 'start', id: referral.id, startedOn: startedOn.format('YYYY-MM-DD') },
      { onSuccess: done },
    );

  return (
    <Modal
      open
      title={t('employer:start.title', { name: referral.candidate.name })}
      okText={t('employer:start.submit')}
      okButtonProps={{ loading: decide.isPending, htmlType: 'submit', form: 'referral-start-form' }}
      cancelText={t('common:cancel')}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        id="referral-start-form"
        form={form}
        layout="vertical"
        initialValues={{ startedOn: today }}
        onFinish={submit}
        data-testid="referral-start-form"
      >
        <Form.Item
          name="startedOn"
          label={t('employer:start.startedOn')}
          extra={t('employer:start.help', { vacancy: referral.vacancyTitle })}
          rules={[{ required: true, message: t('employer:start.startedOnRequired') }]}
        >
          {/* A start is confirmed once it happened: no day after today (Beijing time). */}
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(today, 'day')} />
        </Form.Item>
        {decide.isError && (
          <Alert type="error" showIcon title={errorMessage(decide.error, language)} role="alert" />
        )}
      </Form>
    </Modal>
  );
}
