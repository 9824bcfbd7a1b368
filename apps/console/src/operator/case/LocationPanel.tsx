import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseLocation, SetCaseLocation } from '@platform/contracts';
import { api } from '../../shared/api';
import { applyFieldErrors, errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { retryServerErrors } from '../api-status';
import { CommunityPicker } from '../intake/CommunityPicker';

interface Props {
  caseId: string;
}

const ADDRESS_MAX = 200;

/**
 * Where the person can work from, as matching uses it: a community by name (and the address masked), never
 * coordinates. The owner or a supervisor changes it while the case is open; the candidates follow.
 */
export function LocationPanel({ caseId }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [editing, setEditing] = useState(false);
  const location = useQuery({
    queryKey: ['operator', 'case-location', caseId],
    queryFn: () => api<CaseLocation>('hotline', `/cases/${caseId}/location`),
    retry: retryServerErrors,
  });
  const name = (unit: { zh: string; en: string | null } | null) =>
    unit ? (language === 'en' ? (unit.en ?? unit.zh) : unit.zh) : null;
  const data = location.data;

  return (
    <Card
      size="small"
      data-testid="case-location"
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {t('operator:location.title')}
        </Typography.Title>
      }
      extra={
        <Button size="small" disabled={!data} onClick={() => setEditing(true)} data-testid="change-location">
          {t('operator:location.change')}
        </Button>
      }
    >
      {location.isError && <Alert type="warning" showIcon title={errorMessage(location.error, language)} />}
      {data && (
        <Space orientation="vertical" size={4}>
          <Space wrap>
            <Typography.Text strong data-testid="location-community">
              {[name(data.district), name(data.street), name(data.community)].filter(Boolean).join(' · ')}
            </Typography.Text>
            <Tag color={data.source === 'none' ? 'warning' : 'default'}>
              {t(`operator:location.source.${data.source}`)}
            </Tag>
          </Space>
          {data.addressMasked && (
            <Typography.Text type="secondary">
              {t('operator:location.address')}
              {language === 'zh' ? '：' : ': '}
              {data.addressMasked}
            </Typography.Text>
          )}
          {data.setByName && (
            <Typography.Text type="secondary">
              {t('operator:location.setBy', { who: data.setByName })}
            </Typography.Text>
          )}
        </Space>
      )}
      {editing && data && <ChangeLocationDialog caseId={caseId} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function ChangeLocationDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ communityCode: string; address?: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (body: SetCaseLocation) =>
      api<CaseLocation>('hotline', `/cases/${caseId}/location`, { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['operator', 'case-location', caseId], saved);
      // Matching measures from the new place: the candidates are read again.
      return queryClient.invalidateQueries({ queryKey: ['operator', 'candidates', caseId] });
    },
  });

  const submit = (values: { communityCode: string; address?: string }) => {
    setProblems([]);
    const address = values.address?.trim();
    save.mutate(
      { communityCode: values.communityCode, ...(address ? { address } : {}) },
      {
        onSuccess: () => {
          message.success(t('operator:location.saved'));
          onClose();
        },
        onError: (error) => setProblems(applyFieldErrors(form, error, language)),
      },
    );
  };

  return (
    <Modal
      open
      title={t('operator:location.changeTitle')}
      okText={t('operator:location.save')}
      cancelText={t('operator:location.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="communityCode"
          label={t('operator:location.community')}
          rules={[{ required: true, message: t('operator:location.communityRequired') }]}
        >
          <CommunityPicker />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('operator:location.addressOptional')}
          extra={t('operator:location.addressHelp')}
          rules={[{ max: ADDRESS_MAX, message: t('operator:location.addressTooLong', { max: ADDRESS_MAX }) }]}
        >
          <Input maxLength={ADDRESS_MAX} autoComplete="off" />
        </Form.Item>
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          />
        )}
      </Form>
    </Modal>
  );
}
