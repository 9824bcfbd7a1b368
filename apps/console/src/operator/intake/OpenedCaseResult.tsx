import { Alert, Button, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { OpenedCase } from '../api-types';
import { formatDeadline } from '../format';
import { shortId } from '../../shared/format';

/** Shown the moment the case is opened: the 2-working-day deadline straight from the answer. */
export function OpenedCaseResult({ opened, onNextCall }: { opened: OpenedCase; onNextCall: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title={`${t('operator:intake.opened')} · ${shortId(opened.caseId)}`}
      subTitle={
        <Space orientation="vertical">
          <Typography.Text>{t('operator:intake.deadlineLabel')}</Typography.Text>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-deadline">
            {formatDeadline(opened.deadline, opened.dueDate)}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('operator:intake.deadlineNote', { dueDate: opened.dueDate })}
          </Typography.Text>
          {opened.provisional && <Alert type="warning" showIcon title={t('operator:intake.provisional')} />}
        </Space>
      }
      extra={[
        <Button key="open" type="primary" onClick={() => navigate(`../cases/${opened.caseId}`)}>
          {t('operator:intake.openCase')}
        </Button>,
        <Button key="next" onClick={onNextCall}>
          {t('operator:intake.newCall')}
        </Button>,
      ]}
    />
  );
}
