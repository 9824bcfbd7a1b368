import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import type { CaseDetail } from '../api-types';

interface CategoryName {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** The people service's assistance categories, to show a person's codes in words. */
function useCategoryNames() {
  return useQuery({
    queryKey: ['operator', 'assistance-categories'],
    queryFn: () => api<CategoryName[]>('people', '/assistance-categories'),
    staleTime: 3_600_000,
    retry: false,
  });
}

/**
 * Who the case is about, as the operator works from it: name, masked phone (the full number through the people
 * service's audited unmask, with a reason), age, community, assistance categories and what the person asked for.
 */
export function CallerPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const caller = detail.caller;
  const personId = detail.view?.personId ?? null;
  const categoryNames = useCategoryNames();
  const [fullPhone, setFullPhone] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  if (!caller) {
    return (
      <Card size="small" title={t('operator:caller.title')}>
        <Typography.Text type="secondary">{t('operator:caller.unknown')}</Typography.Text>
      </Card>
    );
  }
  const names = new Map(
    (categoryNames.data ?? []).map((c) => [c.code, language === 'zh' ? c.nameZh : c.nameEn]),
  );
  const categories = detail.view?.categories ?? [];
  const { constraints } = caller;
  const conditions = [
    ...(constraints.hours ?? []).map((hours) => t(`operator:hours.${hours}`)),
    ...(constraints.maxDistanceKm != null
      ? [t('operator:caller.maxDistance', { km: constraints.maxDistanceKm })]
      : []),
    ...(constraints.maxPhysicalDemand ? [t(`operator:physical.${constraints.maxPhysicalDemand}`)] : []),
    ...(constraints.minWageFen != null
      ? [t('operator:caller.minWage', { yuan: Math.round(constraints.minWageFen / 100) })]
      : []),
    ...(constraints.needsDisabledSuitable ? [t('operator:caller.disabledSuitable')] : []),
  ];

  return (
    <Card size="small" title={t('operator:caller.title')} data-testid="caller-panel">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'name', label: t('operator:caller.name'), children: caller.name },
          {
            key: 'phone',
            label: t('operator:caller.phone'),
            children: (
              <Space>
                <span data-testid="caller-phone">{fullPhone ?? caller.phoneMasked}</span>
                {!fullPhone && personId && (
                  <Button size="small" onClick={() => setAsking(true)} data-testid="unmask-phone">
                    {t('operator:caller.unmask')}
                  </Button>
                )}
                {!personId && (
                  <Typography.Text type="secondary">{t('operator:caller.notRegistered')}</Typography.Text>
                )}
              </Space>
            ),
          },
          {
            key: 'age',
            label: t('operator:caller.age'),
            children: caller.age != null ? t('operator:caller.ageYears', { age: caller.age }) : '—',
          },
          {
            key: 'community',
            label: t('operator:caller.community'),
            children: detail.communityName
              ? language === 'en'
                ? (detail.communityName.en ?? detail.communityName.zh)
                : detail.communityName.zh
              : '—',
          },
          {
            key: 'categories',
            label: t('operator:caller.categories'),
            children: categories.length ? (
              <Space wrap size={4}>
                {categories.map((code) => {
                  const name = names.get(code);
                  return name ? <Tag key={code}>{name}</Tag> : null;
                })}
              </Space>
            ) : (
              t('operator:caller.noCategories')
            ),
          },
          { key: 'wants', label: t('operator:caller.wants'), children: caller.wants, span: 'filled' },
          {
            key: 'acceptsAnyJob',
            label: t('operator:caller.acceptsAnyJob'),
            children: t(
              caller.acceptsAnyJob ? 'operator:caller.acceptsAnyJobYes' : 'operator:caller.acceptsAnyJobNo',
            ),
          },
          {
            key: 'constraints',
            label: t('operator:caller.constraints'),
            children: conditions.length ? conditions.join('、') : t('operator:caller.noConstraints'),
          },
        ]}
      />
      {asking && personId && (
        <UnmaskDialog personId={personId} onClose={() => setAsking(false)} onShown={setFullPhone} />
      )}
    </Card>
  );
}

/** Asks why, then reads the full number from the people service, which records who, when and why. */
function UnmaskDialog({
  personId,
  onClose,
  onShown,
}: {
  personId: string;
  onClose: () => void;
  onShown: (phone: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const unmask = useMutation({
    mutationFn: (reason: string) =>
      api<{ phone?: string }>('people', `/persons/${personId}/unmask`, {
        method: 'POST',
        body: { fields: ['phone'], reason },
      }),
  });
  const submit = async () => {
    const { reason } = await form.validateFields();
    try {
      const answer = await unmask.mutateAsync(reason);
      if (answer.phone) onShown(answer.phone);
      onClose();
    } catch (error) {
      void message.error(`${t('operator:caller.unmaskFailed')}：${errorMessage(error, language)}`);
    }
  };
  return (
    <Modal
      open
      title={t('operator:caller.unmaskTitle')}
      okText={t('operator:caller.unmask')}
      cancelText={t('operator:action.cancel')}
      confirmLoading={unmask.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('operator:caller.unmaskHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reason: t('operator:caller.unmaskReasonDefault') }}
      >
        <Form.Item
          name="reason"
          label={t('operator:caller.unmaskReason')}
          rules={[{ required: true, min: 4, max: 500 }]}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
