import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
} from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { applyFieldErrors, errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { shanghaiDay } from '../../shared/time';
import { LocationFields } from '../location/LocationFields';
import { useSaveVacancy } from './use-vacancies';
import {
  emptyVacancyForm,
  formFieldOf,
  formToVacancyBody,
  HOURS,
  PHYSICAL_DEMANDS,
  vacancyKindsFor,
  VACANCY_LIMITS as LIMITS,
  vacancyToForm,
  type Vacancy,
  type VacancyFormValues,
} from './vacancy-model';

interface Props {
  /** The vacancy to edit; absent when creating one. */
  vacancy?: Vacancy;
  onClose: () => void;
}

/** Create or edit a vacancy in a drawer; rendered only while open, so each opening starts from fresh values. */
export function VacancyForm({ vacancy, onClose }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<VacancyFormValues>();
  const save = useSaveVacancy();
  const [problems, setProblems] = useState<string[]>([]);
  const [initialValues] = useState(() =>
    vacancy ? vacancyToForm(vacancy) : emptyVacancyForm(shanghaiDay()),
  );

  const submit = (values: VacancyFormValues) => {
    setProblems([]);
    save.mutate(
      { id: vacancy?.id, body: formToVacancyBody(values) },
      {
        onSuccess: () => {
          void message.success(t(vacancy ? 'employer:vacancy.updated' : 'employer:vacancy.created'));
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) {
            const onFormFields = new ApiError(
              error.status,
              error.detail,
              error.fieldErrors.map((problem) => ({ ...problem, field: formFieldOf(problem.field) })),
            );
            setProblems(applyFieldErrors(form, onFormFields, language));
          } else setProblems([errorMessage(error, language)]);
        },
      },
    );
  };

  const required = (key: string): Rule => ({ required: true, message: t(`employer:vacancy.${key}Required`) });
  const tooLong = (max: number): Rule => ({ max, message: t('employer:vacancy.tooLong', { max }) });
  const label = (key: string) => t(`employer:vacancy.${key}`);
  const options = (values: readonly string[], group: string) =>
    values.map((value) => ({ value, label: t(`employer:${group}.${value}`) }));
  const inRange = (bounds: { min: number; max: number }): Rule => ({
    type: 'number',
    ...bounds,
    message: t('employer:vacancy.range', bounds),
  });
  // The monthly wage range's two ends take the same input and bounds.
  const wageRange = inRange({ min: 0, max: LIMITS.wageMaxYuan });
  const wageInput = (
    <InputNumber
      min={0}
      max={LIMITS.wageMaxYuan}
      precision={2}
      suffix={label('yuanPerMonth')}
      style={{ width: '100%' }}
    />
  );

  return (
    <Drawer
      open
      size={760}
      title={t(vacancy ? 'employer:vacancy.editTitle' : 'employer:vacancy.createTitle')}
      onClose={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        data-testid="vacancy-form"
        aria-label={t(vacancy ? 'employer:vacancy.editTitle' : 'employer:vacancy.createTitle')}
      >
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="title"
              label={label('title')}
              rules={[
                required('title'),
                { whitespace: true, message: label('titleRequired') },
                tooLong(LIMITS.titleMax),
              ]}
            >
              <Input maxLength={LIMITS.titleMax} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={label('kind')} rules={[required('kind')]}>
              <Select options={options(vacancyKindsFor(vacancy?.kind), 'kind')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="occupationCode"
              label={label('occupationCode')}
              extra={label('occupationCodeHelp')}
              rules={[
                required('occupationCode'),
                { pattern: LIMITS.occupationCode, message: label('occupationCodeFormat') },
              ]}
            >
              <Input placeholder="4-07-05-01" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="skills"
              label={label('skills')}
              extra={label('skillsHelp')}
              rules={[
                {
                  validator: (_, skills: string[] = []) => {
                    if (skills.length > LIMITS.skillsMax)
                      return Promise.reject(
                        new Error(t('employer:vacancy.skillsTooMany', { max: LIMITS.skillsMax })),
                      );
                    if (skills.some((skill) => skill.trim().length > LIMITS.skillMax))
                      return Promise.reject(
                        new Error(t('employer:vacancy.skillTooLong', { max: LIMITS.skillMax })),
                      );
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={label('description')}
          rules={[
            required('description'),
            { whitespace: true, message: label('descriptionRequired') },
            tooLong(LIMITS.descriptionMax),
          ]}
        >
          <Input.TextArea rows={4} maxLength={LIMITS.descriptionMax} showCount />
        </Form.Item>

        <LocationFields />

        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="hours" label={label('hours')} rules={[required('hours')]}>
              <Select options={options(HOURS, 'hours')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="shiftNote" label={label('shiftNote')} rules={[tooLong(LIMITS.shiftNoteMax)]}>
              <Input maxLength={LIMITS.shiftNoteMax} placeholder={label('shiftNotePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="physicalDemand"
              label={label('physicalDemand')}
              rules={[required('physicalDemand')]}
            >
              <Select options={options(PHYSICAL_DEMANDS, 'physicalDemand')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="disabledSuitable" label={label('suitability')} valuePropName="checked">
              <Checkbox>{label('disabledSuitable')}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="noExperience" label={label('experience')} valuePropName="checked">
              <Checkbox>{label('noExperience')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>

        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="wageMinYuan" label={label('wageMin')} rules={[required('wageMin'), wageRange]}>
              {wageInput}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="wageMaxYuan"
              label={label('wageMax')}
              dependencies={['wageMinYuan']}
              rules={[
                required('wageMax'),
                wageRange,
                ({ getFieldValue }) => ({
                  validator: (_, max: number | null | undefined) => {
                    const min = getFieldValue('wageMinYuan') as number | null | undefined;
                    return max == null || min == null || max >= min
                      ? Promise.resolve()
                      : Promise.reject(new Error(label('wageMaxBelowMin')));
                  },
                }),
              ]}
            >
              {wageInput}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="headcount"
              label={label('headcount')}
              extra={
                vacancy?.taken ? t('employer:vacancy.headcountTaken', { taken: vacancy.taken }) : undefined
              }
              rules={[
                required('headcount'),
                {
                  type: 'integer',
                  min: Math.max(LIMITS.headcount.min, vacancy?.taken ?? 0),
                  max: LIMITS.headcount.max,
                  message: t('employer:vacancy.range', {
                    min: Math.max(LIMITS.headcount.min, vacancy?.taken ?? 0),
                    max: LIMITS.headcount.max,
                  }),
                },
              ]}
            >
              <InputNumber min={1} max={LIMITS.headcount.max} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="validFrom" label={label('validFrom')} rules={[required('validFrom')]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="validTo"
              label={label('validTo')}
              dependencies={['validFrom']}
              rules={[
                required('validTo'),
                ({ getFieldValue }) => ({
                  validator: (_, to: VacancyFormValues['validTo']) => {
                    const from = getFieldValue('validFrom') as VacancyFormValues['validFrom'];
                    return !to || !from || !to.isBefore(from, 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(label('validToBeforeFrom')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={problems.join('；')}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common:save')}
          </Button>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
