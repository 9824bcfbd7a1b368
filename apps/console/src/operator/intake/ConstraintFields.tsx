import { Card, Col, Form, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { JOB_HOURS, PHYSICAL_DEMANDS } from './intake-body';

/** The caller's constraints for matching: hours, distance, wage, physical demand, disability, location. */
export function ConstraintFields() {
  const { t } = useTranslation();
  return (
    <Card title={t('operator:intake.constraintSection')} size="small" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('operator:intake.hours')} name={['constraints', 'hours']}>
            <Select
              mode="multiple"
              options={JOB_HOURS.map((value) => ({ value, label: t(`operator:hours.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item label={t('operator:intake.maxDistanceKm')} name={['constraints', 'maxDistanceKm']}>
            <InputNumber min={1} max={200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item label={t('operator:intake.minWageYuan')} name={['constraints', 'minWageYuan']}>
            <InputNumber min={0} max={1_000_000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('operator:intake.maxPhysicalDemand')}
            name={['constraints', 'maxPhysicalDemand']}
          >
            <Select
              allowClear
              options={PHYSICAL_DEMANDS.map((value) => ({
                value,
                label: t(`operator:physical.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('operator:intake.needsDisabledSuitable')}
            name={['constraints', 'needsDisabledSuitable']}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('operator:intake.location')}</Typography.Text>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('operator:intake.lat')}
            name={['location', 'lat']}
            dependencies={[['location', 'lng']]}
            rules={[pairedWith(['location', 'lng'], t('operator:intake.locationPair'))]}
          >
            <InputNumber min={29.9} max={31.5} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('operator:intake.lng')}
            name={['location', 'lng']}
            dependencies={[['location', 'lat']]}
            rules={[pairedWith(['location', 'lat'], t('operator:intake.locationPair'))]}
          >
            <InputNumber min={102.9} max={105} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

/** Latitude and longitude come together or not at all. */
function pairedWith(other: string[], message: string): Rule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: number | null | undefined) => {
      const otherValue = getFieldValue(other) as number | null | undefined;
      if ((value === null || value === undefined) !== (otherValue === null || otherValue === undefined)) {
        throw new Error(message);
      }
    },
  });
}
