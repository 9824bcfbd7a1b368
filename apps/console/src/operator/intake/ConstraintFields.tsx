import { Card, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommunityPicker } from './CommunityPicker';
import { JOB_HOURS, PHYSICAL_DEMANDS } from './intake-body';

/**
 * The caller's constraints for matching: hours, distance, wage, physical demand, disability, and where the person
 * can work from (a community, by default the caller's, and an address; never coordinates).
 */
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
      <Typography.Text strong>{t('operator:intake.workFrom')}</Typography.Text>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('operator:intake.workFromCommunity')}
            name={['workFrom', 'communityCode']}
            extra={t('operator:intake.workFromCommunityHelp')}
          >
            <CommunityPicker />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('operator:intake.workFromAddress')}
            name={['workFrom', 'address']}
            rules={[
              {
                max: 200,
                message: t('operator:intake.tooLong', {
                  field: t('operator:intake.workFromAddress'),
                  max: 200,
                }),
              },
            ]}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
