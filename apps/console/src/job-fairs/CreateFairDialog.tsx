import { Alert, App, DatePicker, Form, Input, List, Modal, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../shared/auth';
import { errorMessage, useLanguage } from '../shared/i18n-helpers';
import { unitName, useChildUnits, useUnitWithAncestors } from '../shared/org-units';
import type { PickedVacancy } from './api-types';
import { useCreateFair, useVacancySearch } from './use-job-fairs';

interface Values {
  title: string;
  heldOn: Dayjs;
  unitCode: string;
  venue: string;
  assistanceMonth: boolean;
}

/**
 * A new fair: held by the user's own unit or one right below it, and the vacancies its employers bring, picked by
 * title and employer name from the open vacancies.
 */
export function CreateFairDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const own = useUnitWithAncestors(user.orgCode);
  const below = useChildUnits(user.orgCode);
  const [term, setTerm] = useState('');
  const found = useVacancySearch(term);
  const [picked, setPicked] = useState<PickedVacancy[]>([]);
  const create = useCreateFair();
  const units = [...(own.data ? [own.data] : []), ...(below.data ?? [])];

  const submit = async () => {
    const values = await form.validateFields();
    await create.mutateAsync({
      title: values.title,
      heldOn: values.heldOn.format('YYYY-MM-DD'),
      unitCode: values.unitCode,
      venue: values.venue,
      assistanceMonth: values.assistanceMonth ?? false,
      vacancies: picked,
    });
    void message.success(t('fairs:form.created'));
    onClose();
  };
  const required = (field: string) => [{ required: true, message: t('fairs:form.required', { field }) }];

  return (
    <Modal
      open
      title={t('fairs:form.title')}
      okText={t('fairs:form.save')}
      cancelText={t('fairs:form.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={720}
    >
      <Form form={form} layout="vertical" initialValues={{ assistanceMonth: false, unitCode: user.orgCode }}>
        <Form.Item label={t('fairs:form.name')} name="title" rules={required(t('fairs:form.name'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('fairs:form.heldOn')} name="heldOn" rules={required(t('fairs:form.heldOn'))}>
          <DatePicker />
        </Form.Item>
        <Form.Item label={t('fairs:form.unit')} name="unitCode" rules={required(t('fairs:form.unit'))}>
          <Select options={units.map((unit) => ({ value: unit.code, label: unitName(unit, language) }))} />
        </Form.Item>
        <Form.Item label={t('fairs:form.venue')} name="venue" rules={required(t('fairs:form.venue'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('fairs:form.assistanceMonth')} name="assistanceMonth" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={t('fairs:form.vacancies')}>
          <Input.Search
            placeholder={t('fairs:form.searchVacancies')}
            aria-label={t('fairs:form.searchVacancies')}
            onSearch={setTerm}
            loading={found.isFetching}
          />
          <List
            size="small"
            dataSource={(found.data ?? []).filter((v) => !picked.some((p) => p.vacancyId === v.vacancyId))}
            renderItem={(vacancy) => (
              <List.Item
                // A vacancy is kept with its employer's name: one whose name has not reached the platform waits.
                actions={
                  vacancy.employerName
                    ? [
                        <a key="add" onClick={() => setPicked([...picked, vacancy])}>
                          +
                        </a>,
                      ]
                    : []
                }
              >
                {vacancy.vacancyTitle} · {vacancy.employerName || t('fairs:form.unknownEmployer')}
              </List.Item>
            )}
          />
          {picked.length ? (
            <List
              size="small"
              bordered
              dataSource={picked}
              renderItem={(vacancy) => (
                <List.Item
                  actions={[
                    <a key="remove" onClick={() => setPicked(picked.filter((p) => p !== vacancy))}>
                      ×
                    </a>,
                  ]}
                >
                  {vacancy.vacancyTitle} · {vacancy.employerName || t('fairs:form.unknownEmployer')}
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text type="secondary">{t('fairs:form.noVacancies')}</Typography.Text>
          )}
        </Form.Item>
        {create.isError && <Alert type="error" showIcon title={errorMessage(create.error, language)} />}
      </Form>
    </Modal>
  );
}
