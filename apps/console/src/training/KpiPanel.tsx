import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RateAgainstTarget, TrainingKpis } from './api-types';
import { percent, targetColour, targetKey } from './training-words';

/** A rate with the 90 % target beside it and whether it was met, in words. */
export function RateWithTarget({ rate }: { rate: RateAgainstTarget }) {
  const { t } = useTranslation();
  return (
    <span>
      <Typography.Text strong>{percent(rate.rate)}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        {t('training:kpi.target', { target: percent(rate.target) })}
      </Typography.Text>{' '}
      <Tag color={targetColour(rate)}>{t(`training:${targetKey(rate)}`)}</Tag>
    </span>
  );
}

/** The KPIs of a course, provider or area: counts, the pass rate and the employed-after-training rate. */
export function KpiPanel({ kpis, title }: { kpis: TrainingKpis; title: string }) {
  const { t } = useTranslation();
  const count = (label: string, value: number) => (
    <Col xs={12} md={6} lg={3}>
      <Statistic title={label} value={value} />
    </Col>
  );
  return (
    <Card size="small" title={title} aria-label={title}>
      <Row gutter={[16, 16]}>
        {count(t('training:kpi.referred'), kpis.referred)}
        {count(t('training:kpi.enrolled'), kpis.enrolled)}
        {count(t('training:kpi.completed'), kpis.completed)}
        {count(t('training:kpi.passed'), kpis.passed)}
        {count(t('training:kpi.employed'), kpis.employedAfterTraining)}
        {count(t('training:kpi.employedOpen'), kpis.employedSoFarWindowOpen)}
      </Row>
      <Row gutter={[16, 8]} style={{ marginTop: 16 }}>
        <Col xs={24} md={12}>
          <Typography.Text type="secondary">{t('training:kpi.passRate')}：</Typography.Text>
          <RateWithTarget rate={kpis.passRate} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text type="secondary">{t('training:kpi.employedRate')}：</Typography.Text>
          <RateWithTarget rate={kpis.employedAfterTrainingRate} />{' '}
          <Typography.Text type="secondary">
            {t('training:kpi.ofWindow', { n: kpis.employmentWindowClosed })}
          </Typography.Text>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('training:kpi.note')}
      </Typography.Paragraph>
    </Card>
  );
}
