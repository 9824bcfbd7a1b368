import { Alert, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../shared/auth';
import { applyFieldErrors, useLanguage } from '../shared/i18n-helpers';
import type { CourseLevel } from './api-types';
import { useCreateCourse, useProviders } from './use-training';

const LEVELS: CourseLevel[] = ['primary', 'intermediate', 'advanced', 'technician', 'senior-technician'];

interface Values {
  providerId?: string;
  newProvider?: string;
  title: string;
  occupation: string;
  level: CourseLevel;
  startsOn: string;
  endsOn: string;
  capacity: number;
  freeForHardship: boolean;
}

/**
 * A new course of the supervisor's own unit: an existing provider picked by name, or a new one named here (also
 * contracted by the user's unit).
 */
export function CreateCourseDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useAuth();
  const [form] = Form.useForm<Values>();
  const providers = useProviders();
  const create = useCreateCourse();
  const [problems, setProblems] = useState<string[]>([]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing on its fields
    }
    setProblems([]);
    const { providerId, newProvider, ...course } = values;
    create.mutate(
      { ...course, providerId, newProvider, unitCode: user!.orgCode },
      { onSuccess: onClose, onError: (error) => setProblems(applyFieldErrors(form, error, language)) },
    );
  };

  return (
    <Modal
      open
      title={t('training:create.title')}
      okText={t('training:form.save')}
      cancelText={t('training:form.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ level: 'primary', capacity: 30, freeForHardship: true }}
      >
        <Form.Item name="providerId" label={t('training:create.provider')}>
          <Select
            allowClear
            options={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            placeholder={t('training:create.providerPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="newProvider"
          label={t('training:create.newProvider')}
          dependencies={['providerId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value?: string) =>
                getFieldValue('providerId') || value?.trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('training:create.providerNeeded'))),
            }),
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="title" label={t('training:column.title')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="occupation" label={t('training:column.occupation')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="level" label={t('training:column.level')}>
          <Select options={LEVELS.map((level) => ({ value: level, label: t(`training:level.${level}`) }))} />
        </Form.Item>
        <Form.Item name="startsOn" label={t('training:create.startsOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('training:create.endsOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="capacity" label={t('training:create.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10000} precision={0} />
        </Form.Item>
        <Form.Item name="freeForHardship" label={t('training:column.free')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} />}
    </Modal>
  );
}
