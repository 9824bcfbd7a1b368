import { Alert, Button, Form, Modal, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { applyFieldErrors, useLanguage } from '../../shared/i18n-helpers';
import { actionErrorMessage } from '../action-errors';

interface Props<V> {
  open: boolean;
  title: string;
  onClose: () => void;
  /** Sends the action; a thrown error is shown in the dialog (field errors on their fields). */
  onSubmit: (values: V) => Promise<unknown>;
  initialValues?: Partial<V>;
  children: ReactNode;
}

/** A small form in a modal for one case action; it closes only once the action succeeded. */
export function ActionDialog<V extends object>(props: Props<V>) {
  return (
    <Modal open={props.open} title={props.title} onCancel={props.onClose} footer={null} destroyOnHidden>
      <ActionForm {...props} />
    </Modal>
  );
}

function ActionForm<V extends object>({ onSubmit, onClose, initialValues, children }: Props<V>) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<V>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: V) => {
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length) {
        const rest = applyFieldErrors(form, error, language);
        if (rest.length) setProblem(rest.join('；'));
      } else {
        setProblem(actionErrorMessage(error, language, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
      {children}
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>{t('operator:action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('operator:action.ok')}
        </Button>
      </Space>
    </Form>
  );
}
