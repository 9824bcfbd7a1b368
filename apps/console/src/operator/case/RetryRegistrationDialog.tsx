import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { applyFieldErrors, errorMessage, useLanguage } from '../../shared/i18n-helpers';

interface Corrections {
  name?: string;
  idNumber?: string;
  phone?: string;
  hukouType?: 'urban' | 'rural';
  hukouPlace?: string;
  residenceAddress?: string;
}

/**
 * The operator corrects what the people service refused; only the filled fields are sent
 * (POST /cases/{id}/registration-retry). The person is registered again on this case; the page then shows the answer.
 */
export function RetryRegistrationDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ person: Corrections }>();
  const retry = useMutation({
    mutationFn: (person: Corrections) =>
      api<unknown>('hotline', `/cases/${caseId}/registration-retry`, {
        method: 'POST',
        body: { person },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['operator'] }),
  });
  const submit = async () => {
    const { person = {} } = await form.validateFields();
    const filled = Object.fromEntries(
      Object.entries(person).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
    ) as Corrections;
    try {
      await retry.mutateAsync(filled);
      void message.success(t('operator:retry.done'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, language);
      if (unmatched.length) void message.error(unmatched.join('；') || errorMessage(error, language));
    }
  };
  return (
    <Modal
      open
      title={t('operator:retry.title')}
      okText={t('operator:retry.submit')}
      cancelText={t('operator:action.cancel')}
      confirmLoading={retry.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      data-testid="retry-registration-dialog"
    >
      <Typography.Paragraph type="secondary">{t('operator:retry.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name={['person', 'name']} label={t('operator:intake.name')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name={['person', 'idNumber']} label={t('operator:intake.idNumber')}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name={['person', 'phone']} label={t('operator:intake.phone')}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name={['person', 'hukouType']} label={t('operator:intake.hukouType')}>
          <Select
            allowClear
            options={[
              { value: 'urban', label: t('operator:intake.hukouUrban') },
              { value: 'rural', label: t('operator:intake.hukouRural') },
            ]}
          />
        </Form.Item>
        <Form.Item name={['person', 'hukouPlace']} label={t('operator:retry.hukouPlace')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name={['person', 'residenceAddress']} label={t('operator:retry.residenceAddress')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
