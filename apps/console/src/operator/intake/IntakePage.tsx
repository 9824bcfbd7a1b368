import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import type { Rule, RuleObject } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateIdNumber, validateMobile } from '@platform/pii/validation';
import { ApiError } from '../../shared/api';
import { applyFieldErrors, useLanguage } from '../../shared/i18n-helpers';
import type { OpenedCase } from '../api-types';
import { newIdempotencyKey } from '../format';
import { CommunityPicker } from './CommunityPicker';
import { ExistingPersonPanel } from './ExistingPersonPanel';
import { ConstraintFields } from './ConstraintFields';
import { HardshipFields } from './HardshipFields';
import { NO_CIRCUMSTANCES, toOpenCaseBody, toWorkFromBody, type IntakeFormValues } from './intake-body';
import { OpenedCaseResult } from './OpenedCaseResult';
import { RECEIVED_AT_FORMAT, ReceivedAtField } from './ReceivedAtField';
import { setCaseLocation, useExistingCaller, useOpenCase } from './use-intake';

type FormValues = IntakeFormValues & { receivedAt?: Dayjs | null };

const INITIAL: FormValues = {
  person: {
    name: '',
    idNumber: '',
    phone: '',
    hukouType: 'urban',
    hukouPlace: '',
    communityCode: undefined,
    residenceAddress: '',
    unemployment: { status: 'none', registeredOn: null },
    disabled: false,
    disabilityCertificateNo: '',
    circumstances: NO_CIRCUMSTANCES,
  },
  wants: '',
  acceptsAnyJob: true,
  skills: [],
  constraints: {
    hours: [],
    maxDistanceKm: null,
    maxPhysicalDemand: null,
    needsDisabledSuitable: false,
    minWageYuan: null,
  },
  workFrom: { communityCode: null, address: '' },
  receivedAt: null,
};

/** Call intake: what the caller says, checked as it is typed, opened as a case once (idempotently). */
export function IntakePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  // One key per form fill: a double click or a retry of the same fill can never open two cases.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [opened, setOpened] = useState<OpenedCase | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const openCase = useOpenCase();

  const typedIdNumber = Form.useWatch(['person', 'idNumber'], form) ?? '';
  const checkedId = validateIdNumber(typedIdNumber);
  const caller = useExistingCaller(checkedId.valid ? checkedId.normalized : null);
  const duplicate = caller.openCases.length > 0;

  const required = (field: string, max?: number): Rule[] => [
    { required: true, whitespace: true, message: t('operator:intake.required', { field: t(field) }) },
    ...(max ? [{ max, message: t('operator:intake.tooLong', { field: t(field), max }) }] : []),
  ];

  const pii =
    (
      check: (value: string) => { valid: boolean; message?: { zh: string; en: string } },
    ): RuleObject['validator'] =>
    async (_rule, value: string | undefined) => {
      if (!value) return;
      const result = check(value);
      if (!result.valid && result.message) throw new Error(result.message[language]);
    };

  const submit = async (values: FormValues) => {
    setProblems([]);
    try {
      const body = toOpenCaseBody(
        values,
        values.receivedAt ? values.receivedAt.format(RECEIVED_AT_FORMAT) : null,
      );
      const created = await openCase.mutateAsync({ body, idempotencyKey });
      const workFrom = toWorkFromBody(values);
      // The case is open either way; a place that did not save is set again on the case page.
      if (workFrom)
        await setCaseLocation(created.caseId, workFrom).catch(() =>
          message.warning(t('operator:intake.workFromNotSaved')),
        );
      setOpened(created);
    } catch (error) {
      // 422 on the key: an earlier try of this call was stored (its answer got lost) and the form changed
      // since; the case exists — the operator finds it under the caller rather than opening a second one.
      if (error instanceof ApiError && error.status === 422) {
        setProblems([t('operator:intake.alreadyRecorded')]);
        return;
      }
      setProblems(applyFieldErrors(form, error, language));
    }
  };

  const nextCall = () => {
    form.resetFields();
    setIdempotencyKey(newIdempotencyKey());
    setOpened(null);
    setProblems([]);
  };

  if (opened) {
    return (
      <Card>
        <OpenedCaseResult opened={opened} onNextCall={nextCall} />
      </Card>
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('operator:intake.title')}
      </Typography.Title>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={INITIAL}
        onFinish={submit}
        scrollToFirstError
        data-testid="intake-form"
        aria-label={t('operator:intake.title')}
      >
        <Card title={t('operator:intake.personSection')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('operator:intake.name')}
                name={['person', 'name']}
                rules={required('operator:intake.name', 50)}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('operator:intake.idNumber')}
                name={['person', 'idNumber']}
                rules={[...required('operator:intake.idNumber'), { validator: pii(validateIdNumber) }]}
              >
                <Input autoComplete="off" maxLength={18} spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('operator:intake.phone')}
                name={['person', 'phone']}
                rules={[...required('operator:intake.phone'), { validator: pii(validateMobile) }]}
              >
                <Input autoComplete="off" inputMode="tel" />
              </Form.Item>
            </Col>
          </Row>
          <div style={{ marginBottom: 16 }}>
            <ExistingPersonPanel caller={caller} />
          </div>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                label={t('operator:intake.hukouType')}
                name={['person', 'hukouType']}
                rules={[{ required: true }]}
              >
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'urban', label: t('operator:intake.hukouUrban') },
                    { value: 'rural', label: t('operator:intake.hukouRural') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item
                label={t('operator:intake.hukouPlace')}
                name={['person', 'hukouPlace']}
                rules={required('operator:intake.hukouPlace', 200)}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item
                label={t('operator:intake.community')}
                name={['person', 'communityCode']}
                rules={[
                  {
                    required: true,
                    message: t('operator:intake.chooseRequired', { field: t('operator:intake.community') }),
                  },
                ]}
              >
                <CommunityPicker />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label={t('operator:intake.residenceAddress')}
            name={['person', 'residenceAddress']}
            rules={[
              {
                max: 200,
                message: t('operator:intake.tooLong', {
                  field: t('operator:intake.residenceAddress'),
                  max: 200,
                }),
              },
            ]}
          >
            <Input />
          </Form.Item>
        </Card>

        <HardshipFields />

        <Card title={t('operator:intake.needSection')} size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            label={t('operator:intake.wants')}
            name="wants"
            rules={required('operator:intake.wants', 500)}
          >
            <Input.TextArea rows={2} showCount maxLength={500} />
          </Form.Item>
          <Form.Item
            label={t('operator:intake.acceptsAnyJob')}
            name="acceptsAnyJob"
            valuePropName="checked"
            extra={t('operator:intake.acceptsAnyJobHelp')}
          >
            <Switch />
          </Form.Item>
          <Form.Item
            label={t('operator:intake.skills')}
            name="skills"
            extra={t('operator:intake.skillsHelp')}
          >
            <Select
              mode="tags"
              open={false}
              tokenSeparators={[',', '，', '、']}
              maxCount={20}
              suffixIcon={null}
            />
          </Form.Item>
        </Card>

        <ConstraintFields />
        <ReceivedAtField />

        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('operator:intake.failed')}
            description={problems.join(language === 'zh' ? '；' : '; ')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={openCase.isPending} disabled={duplicate}>
            {t('operator:intake.submit')}
          </Button>
          <Button onClick={nextCall} disabled={openCase.isPending}>
            {t('operator:intake.reset')}
          </Button>
        </Space>
      </Form>
    </Space>
  );
}
