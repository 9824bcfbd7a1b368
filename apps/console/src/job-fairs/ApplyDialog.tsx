import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Divider,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommunityPicker } from '../operator/intake/CommunityPicker';
import { errorMessage, useLanguage } from '../shared/i18n-helpers';
import type { FairDetail } from './api-types';
import { referralWordOf } from './fair-words';
import { type FoundCase, useApply, useCaseSearch } from './use-job-fairs';

interface IntakeValues {
  name: string;
  idNumber: string;
  phone: string;
  hukouType: 'urban' | 'rural';
  hukouPlace: string;
  communityCode: string;
  wants: string;
  acceptsAnyJob: boolean;
}

/**
 * An application on site: the vacancy, then the person — an open case found by name, mobile or ID number (the
 * term goes in a POST body, never in a URL), or a new intake for a person who has none.
 */
export function ApplyDialog({ fair, onClose }: { fair: FairDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [requestId] = useState(() => crypto.randomUUID());
  const [vacancyId, setVacancyId] = useState<string>();
  const [term, setTerm] = useState('');
  const [chosen, setChosen] = useState<FoundCase | null>(null);
  const [form] = Form.useForm<IntakeValues>();
  const search = useCaseSearch();
  const apply = useApply(fair.id);
  const vacancies = fair.employers.flatMap((employer) =>
    employer.vacancies.map((v) => ({ value: v.vacancyId, label: `${v.title} · ${employer.employerName}` })),
  );

  const submit = async () => {
    if (!vacancyId) {
      void message.error(t('fairs:apply.chooseVacancy'));
      return;
    }
    let body;
    if (chosen) {
      body = { requestId, vacancyId, caseId: chosen.caseId };
    } else {
      const values = await form.validateFields();
      body = {
        requestId,
        vacancyId,
        intake: {
          person: {
            name: values.name,
            idNumber: values.idNumber,
            phone: values.phone,
            hukouType: values.hukouType,
            hukouPlace: values.hukouPlace,
            communityCode: values.communityCode,
          },
          wants: values.wants,
          acceptsAnyJob: values.acceptsAnyJob ?? true,
          skills: [],
          constraints: {},
        },
      };
    }
    const taken = await apply.mutateAsync(body);
    void message.success(t('fairs:apply.taken', { word: t(`fairs:referral.${referralWordOf(taken)}`) }));
    onClose();
  };
  const required = (field: string) => [{ required: !chosen, message: t('fairs:form.required', { field }) }];

  return (
    <Modal
      open
      title={t('fairs:apply.title')}
      okText={t('fairs:apply.submit')}
      cancelText={t('fairs:form.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={apply.isPending}
      width={760}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label htmlFor="fair-apply-vacancy">{t('fairs:apply.vacancy')}</label>
        <Select
          id="fair-apply-vacancy"
          style={{ width: '100%' }}
          value={vacancyId}
          onChange={setVacancyId}
          options={vacancies}
          placeholder={t('fairs:apply.chooseVacancy')}
        />
        <Divider />
        <Input.Search
          aria-label={t('fairs:apply.find')}
          placeholder={t('fairs:apply.find')}
          value={term}
          onChange={(event) => setTerm(event.target.value)}
          enterButton={t('fairs:apply.search')}
          loading={search.isPending}
          onSearch={(value) => value.trim().length >= 2 && search.mutate(value.trim())}
        />
        {search.data && (
          <List
            size="small"
            header={t('fairs:apply.found')}
            locale={{ emptyText: t('fairs:apply.none') }}
            dataSource={search.data}
            renderItem={(found) => (
              <List.Item
                actions={[
                  <Button key="pick" size="small" onClick={() => setChosen(found)}>
                    {t('fairs:apply.pick')}
                  </Button>,
                ]}
              >
                {found.caller?.name ?? '—'} · {found.caller?.phoneMasked ?? ''}
              </List.Item>
            )}
          />
        )}
        {chosen ? (
          <Alert
            type="info"
            showIcon
            title={t('fairs:apply.picked', { name: chosen.caller?.name ?? '' })}
            action={
              <Button size="small" onClick={() => setChosen(null)}>
                ×
              </Button>
            }
          />
        ) : (
          <>
            <Typography.Title level={5}>{t('fairs:apply.newIntake')}</Typography.Title>
            <Form form={form} layout="vertical" initialValues={{ hukouType: 'urban', acceptsAnyJob: true }}>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item
                    label={t('fairs:apply.name')}
                    name="name"
                    rules={required(t('fairs:apply.name'))}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    label={t('fairs:apply.idNumber')}
                    name="idNumber"
                    rules={required(t('fairs:apply.idNumber'))}
                  >
                    <Input maxLength={18} autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    label={t('fairs:apply.phone')}
                    name="phone"
                    rules={required(t('fairs:apply.phone'))}
                  >
                    <Input maxLength={11} autoComplete="off" />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={6}>
                  <Form.Item label={t('fairs:apply.hukouType')} name="hukouType">
                    <Select
                      options={[
                        { value: 'urban', label: t('fairs:apply.hukouUrban') },
                        { value: 'rural', label: t('fairs:apply.hukouRural') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    label={t('fairs:apply.hukouPlace')}
                    name="hukouPlace"
                    rules={required(t('fairs:apply.hukouPlace'))}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item
                    label={t('fairs:apply.community')}
                    name="communityCode"
                    rules={required(t('fairs:apply.community'))}
                  >
                    <CommunityPicker />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('fairs:apply.wants')} name="wants" rules={required(t('fairs:apply.wants'))}>
                <Input maxLength={500} />
              </Form.Item>
              <Form.Item name="acceptsAnyJob" valuePropName="checked">
                <Checkbox>{t('fairs:apply.acceptsAnyJob')}</Checkbox>
              </Form.Item>
            </Form>
          </>
        )}
        {apply.isError && <Alert type="error" showIcon title={errorMessage(apply.error, language)} />}
      </Space>
    </Modal>
  );
}
