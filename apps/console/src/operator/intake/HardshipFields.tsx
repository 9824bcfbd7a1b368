import { Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { shanghaiDay } from '../../shared/time';
import {
  CERTIFICATE_NO,
  MONTHS_MAX,
  monthsSince,
  POVERTY_STATUSES,
  UNEMPLOYMENT_STATUSES,
} from './intake-body';

const DAY_FORMAT = 'YYYY-MM-DD';
const MONTHS = { min: 0, max: MONTHS_MAX, precision: 0, style: { width: '100%' } };

/**
 * What makes the caller a hardship case, asked in the operator's words: the unemployment registration and its
 * date, then yes/no questions (低保, disability certificate, single parent, poverty, graduate, land, returning
 * migrant, hukou elsewhere), each opening its details. The answers decide the caller's assistance categories.
 */
export function HardshipFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const status = Form.useWatch(['person', 'unemployment', 'status'], form) as string | undefined;
  const registeredOn = Form.useWatch(['person', 'unemployment', 'registeredOn'], form) as
    string | null | undefined;
  const disabled = Form.useWatch(['person', 'disabled'], form) === true;
  const returningMigrant = Form.useWatch(['person', 'circumstances', 'returningMigrant'], form) === true;
  const nonLocalHukou = Form.useWatch(['person', 'circumstances', 'nonLocalHukou'], form) === true;
  const today = shanghaiDay();

  const requiredWhenAsked = (field: string): Rule => ({
    required: true,
    message: t('operator:intake.required', { field: t(field) }),
  });
  const check = (name: string, label: string) => (
    <Form.Item name={['person', 'circumstances', name]} valuePropName="checked" noStyle>
      <Checkbox>{t(label)}</Checkbox>
    </Form.Item>
  );

  return (
    <Card title={t('operator:intake.hardshipSection')} size="small" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item label={t('operator:intake.unemployment')} name={['person', 'unemployment', 'status']}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'none', label: t('operator:intake.unemploymentNone') },
                ...UNEMPLOYMENT_STATUSES.map((value) => ({
                  value,
                  label: t(`operator:intake.unemploymentStatus.${value}`),
                })),
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          {status && status !== 'none' && (
            <Form.Item
              label={t('operator:intake.registeredOn')}
              name={['person', 'unemployment', 'registeredOn']}
              rules={[requiredWhenAsked('operator:intake.registeredOn')]}
              // The form keeps the day as text (yyyy-mm-dd, Beijing), as the body carries it.
              getValueProps={(value: string | null | undefined) => ({ value: value ? dayjs(value) : null })}
              normalize={(value: dayjs.Dayjs | null) => (value ? value.format(DAY_FORMAT) : null)}
              extra={
                registeredOn && status === 'registered'
                  ? t('operator:intake.unemployedFor', { months: monthsSince(registeredOn, today) })
                  : undefined
              }
            >
              <DatePicker
                format={DAY_FORMAT}
                disabledDate={(day) => day.isAfter(dayjs(today), 'day')}
                style={{ width: 200 }}
              />
            </Form.Item>
          )}
        </Col>
      </Row>

      <Typography.Text strong>{t('operator:intake.circumstances')}</Typography.Text>
      <Row gutter={[16, 8]} style={{ margin: '8px 0 16px' }}>
        <Col xs={24} md={8}>
          {check('minimumLivingAllowance', 'operator:intake.minimumLivingAllowance')}
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['person', 'disabled']} valuePropName="checked" noStyle>
            <Checkbox>{t('operator:intake.disabled')}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          {check('singleParentOfMinor', 'operator:intake.singleParentOfMinor')}
        </Col>
        <Col xs={24} md={8}>
          {check('graduate', 'operator:intake.graduate')}
        </Col>
        <Col xs={24} md={8}>
          {check('landExpropriated', 'operator:intake.landExpropriated')}
        </Col>
        <Col xs={24} md={8}>
          {check('returningMigrant', 'operator:intake.returningMigrant')}
        </Col>
        <Col xs={24} md={8}>
          {check('nonLocalHukou', 'operator:intake.nonLocalHukou')}
        </Col>
      </Row>

      <Row gutter={16}>
        {disabled && (
          <Col xs={24} md={8}>
            <Form.Item
              label={t('operator:intake.disabilityCertificateNo')}
              name={['person', 'disabilityCertificateNo']}
              rules={[
                requiredWhenAsked('operator:intake.disabilityCertificateNo'),
                {
                  pattern: CERTIFICATE_NO,
                  message: t('operator:intake.certificateFormat'),
                },
              ]}
            >
              <Input autoComplete="off" spellCheck={false} maxLength={30} />
            </Form.Item>
          </Col>
        )}
        {returningMigrant && (
          <Col xs={24} md={8}>
            <Form.Item
              label={t('operator:intake.returningMigrantInsuredMonths')}
              name={['person', 'circumstances', 'returningMigrantInsuredMonths']}
              rules={[requiredWhenAsked('operator:intake.returningMigrantInsuredMonths')]}
            >
              <InputNumber {...MONTHS} />
            </Form.Item>
          </Col>
        )}
        {nonLocalHukou && (
          <>
            <Col xs={12} md={4}>
              <Form.Item
                label={t('operator:intake.residentMonths')}
                name={['person', 'circumstances', 'residentMonths']}
              >
                <InputNumber {...MONTHS} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                label={t('operator:intake.insuredMonths')}
                name={['person', 'circumstances', 'insuredMonths']}
              >
                <InputNumber {...MONTHS} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>

      <Form.Item
        label={t('operator:intake.povertyStatus')}
        name={['person', 'circumstances', 'povertyStatus']}
      >
        <Radio.Group
          options={POVERTY_STATUSES.map((value) => ({
            value,
            label: t(`operator:intake.poverty.${value}`),
          }))}
        />
      </Form.Item>
    </Card>
  );
}
