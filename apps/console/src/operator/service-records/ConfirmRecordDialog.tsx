import { Alert, App, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { ServiceRecord, SentCode, useConfirmRecord, useSendCode } from './use-service-records';

type Method = 'otp' | 'station';

/**
 * The person confirms one record: a code sent by SMS that they read out (or reply with) and the operator types,
 * or their signature at the service station with who witnessed it.
 */
export function ConfirmRecordDialog({
  personId,
  record,
  onClose,
}: {
  personId: string;
  record: ServiceRecord;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code?: string; witnessName?: string }>();
  const [method, setMethod] = useState<Method>('otp');
  const [sent, setSent] = useState<SentCode | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const sendCode = useSendCode(personId);
  const confirm = useConfirmRecord(personId);

  const send = () => {
    setProblems([]);
    sendCode.mutate(undefined, {
      onSuccess: (answer) => setSent(answer),
      onError: (error) => setProblems([errorMessage(error, language)]),
    });
  };

  const submit = async () => {
    const values = await form.validateFields();
    setProblems([]);
    const confirmation =
      method === 'otp'
        ? { method: 'otp' as const, codeId: sent!.codeId, code: values.code!.trim() }
        : { method: 'station' as const, witnessName: values.witnessName!.trim() };
    confirm.mutate(
      { recordId: record.id, confirmation },
      {
        onSuccess: () => {
          void message.success(t('records:confirm.done'));
          onClose();
        },
        onError: (error) => setProblems(applyFieldErrors(form, error, language)),
      },
    );
  };

  return (
    <Modal
      open
      title={t('records:confirm.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('records:confirm.submit')}
      okButtonProps={{ disabled: method === 'otp' && !sent, loading: confirm.isPending }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t(`records:kind.${record.kind}`)} · {record.outcome}
        </Typography.Text>
        <Radio.Group value={method} onChange={(event) => setMethod(event.target.value as Method)}>
          <Radio.Button value="otp">{t('records:confirm.bySms')}</Radio.Button>
          <Radio.Button value="station">{t('records:confirm.atStation')}</Radio.Button>
        </Radio.Group>
        <Form form={form} layout="vertical">
          {method === 'otp' ? (
            <>
              <Button onClick={send} loading={sendCode.isPending}>
                {t(sent ? 'records:confirm.resend' : 'records:confirm.send')}
              </Button>
              {sent && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  {t('records:confirm.sent', { phone: sent.sentTo })}
                </Typography.Paragraph>
              )}
              <Form.Item
                name="code"
                label={t('records:confirm.code')}
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('records:confirm.codeRule') }]}
              >
                <Input inputMode="numeric" maxLength={6} disabled={!sent} autoComplete="one-time-code" />
              </Form.Item>
            </>
          ) : (
            <>
              <Typography.Paragraph type="secondary">{t('records:confirm.stationHint')}</Typography.Paragraph>
              <Form.Item
                name="witnessName"
                label={t('records:confirm.witness')}
                rules={[
                  { required: true, whitespace: true, max: 50, message: t('records:confirm.witnessRule') },
                ]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </>
          )}
        </Form>
        {problems.length > 0 && <Alert type="error" showIcon message={problems.join('；')} />}
      </Space>
    </Modal>
  );
}
