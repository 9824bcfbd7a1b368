import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, useLanguage } from '../shared/i18n-helpers';
import { shanghaiDay } from '../shared/time';
import type { Enrolment } from './api-types';
import { type EnrolmentAction, useEnrolmentAction } from './use-training';

export type DialogKind = 'attendance' | 'completion' | 'drop';

interface Values {
  on?: string;
  present?: boolean;
  passed?: boolean;
  certificateNo?: string;
  reason?: string;
}

/** Attendance of a day, completion (pass and certificate) or a drop with its reason, for one trainee. */
export function EnrolmentActionDialog({
  enrolment,
  kind,
  onClose,
}: {
  enrolment: Enrolment;
  kind: DialogKind;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<Values>();
  const action = useEnrolmentAction(enrolment.courseId);
  const [problems, setProblems] = useState<string[]>([]);
  const passed = Form.useWatch('passed', form);

  useEffect(() => {
    form.setFieldsValue({ on: shanghaiDay(), present: true, passed: true });
  }, [form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing on its fields
    }
    let body: EnrolmentAction;
    if (kind === 'attendance') body = { kind, on: values.on!, present: values.present! };
    else if (kind === 'completion')
      body = {
        kind,
        passed: values.passed!,
        ...(values.passed && values.certificateNo ? { certificateNo: values.certificateNo } : {}),
      };
    else body = { kind, reason: values.reason ?? '' };
    setProblems([]);
    action.mutate(
      { enrolmentId: enrolment.id, action: body },
      {
        onSuccess: onClose,
        onError: (error) => setProblems(applyFieldErrors(form, error, language)),
      },
    );
  };

  return (
    <Modal
      open
      title={`${t(`training:action.${kind}`)} · ${enrolment.personName}`}
      okText={t('training:form.save')}
      cancelText={t('training:form.cancel')}
      confirmLoading={action.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical">
        {kind === 'attendance' && (
          <>
            <Form.Item name="on" label={t('training:form.on')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="present" label={t('training:column.attendance')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('training:form.present') },
                  { value: false, label: t('training:form.absent') },
                ]}
              />
            </Form.Item>
          </>
        )}
        {kind === 'completion' && (
          <>
            <Form.Item name="passed" label={t('training:form.passed')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('training:form.pass') },
                  { value: false, label: t('training:form.fail') },
                ]}
              />
            </Form.Item>
            {passed && (
              <Form.Item
                name="certificateNo"
                label={t('training:form.certificateNo')}
                rules={[{ required: true }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'drop' && (
          <Form.Item name="reason" label={t('training:form.reason')} rules={[{ required: true }]}>
            <Input.TextArea maxLength={500} rows={3} />
          </Form.Item>
        )}
      </Form>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} />}
    </Modal>
  );
}
