import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, useLanguage } from '../../shared/i18n-helpers';
import { ProblemAlert } from '../common/ProblemAlert';
import { type NewPool, useCreatePool } from './useWelfare';

type PoolForm = Omit<NewPool, 'period'> & { period: Dayjs };

interface CreatePoolDialogProps {
  open: boolean;
  districtOptions: Array<{ value: string; label: string }>;
  onClose: () => void;
}

/** Registers a funded pool (one per district, post type and month; the API refuses a duplicate). */
export function CreatePoolDialog({ open, districtOptions, onClose }: CreatePoolDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolForm>();
  const [problems, setProblems] = useState<string[]>([]);
  const create = useCreatePool();

  const close = () => {
    form.resetFields();
    setProblems([]);
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    setProblems([]);
    try {
      await create.mutateAsync({ ...values, period: values.period.format('YYYY-MM') });
      void message.success(t('supervisor:welfare.poolCreated'));
      close();
    } catch (error) {
      setProblems(applyFieldErrors(form, error, language));
    }
  };

  return (
    <Modal
      open={open}
      title={t('supervisor:welfare.createPool')}
      okText={t('supervisor:welfare.create')}
      cancelText={t('common:cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      <Form<PoolForm>
        name="welfare-pool"
        form={form}
        layout="vertical"
        initialValues={{ priorityReserve: 0 }}
      >
        <Form.Item
          name="districtCode"
          label={t('supervisor:welfare.district')}
          rules={[{ required: true, message: t('supervisor:welfare.required') }]}
        >
          <Select options={districtOptions} />
        </Form.Item>
        <Form.Item
          name="postType"
          label={t('supervisor:welfare.postType')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('supervisor:welfare.required') }]}
        >
          <Input placeholder={t('supervisor:welfare.postTypePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('supervisor:welfare.period')}
          rules={[{ required: true, message: t('supervisor:welfare.required') }]}
        >
          <DatePicker picker="month" />
        </Form.Item>
        <Form.Item
          name="fundedSlots"
          label={t('supervisor:welfare.funded')}
          rules={[{ required: true, message: t('supervisor:welfare.required') }]}
        >
          <InputNumber min={0} max={100_000} precision={0} />
        </Form.Item>
        <Form.Item
          name="priorityReserve"
          label={t('supervisor:welfare.reserve')}
          extra={t('supervisor:welfare.reserveHelp')}
        >
          <InputNumber min={0} max={100_000} precision={0} />
        </Form.Item>
      </Form>
      <ProblemAlert title={t('supervisor:welfare.failed')} problems={problems} />
    </Modal>
  );
}
