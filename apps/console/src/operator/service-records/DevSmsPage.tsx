import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, Page } from '../../shared/api';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import { retryServerErrors } from '../api-status';

interface SunkMessage {
  id: number;
  phoneMasked: string;
  text: string;
  sentAt: string;
}

/**
 * Development only (/supervisor/dev-sms, no menu entry): the texts the people service's dev sink kept instead of
 * sending, so a developer can read a confirmation code. The service has this route only with the dev sink
 * (never in production) and for administrators; anyone else sees that it is unavailable.
 */
export function DevSmsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const messages = useQuery({
    queryKey: ['records', 'dev-sms'],
    queryFn: () => api<Page<SunkMessage>>('people', '/dev/sms-messages', { query: { limit: 50 } }),
    retry: retryServerErrors,
    refetchInterval: 5000,
  });
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {t('records:dev.title')}
        </Typography.Title>
      }
    >
      {messages.isError ? (
        <Alert type="info" showIcon message={t('records:dev.unavailable')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('records:dev.hint')}</Typography.Paragraph>
          <Table<SunkMessage>
            size="small"
            rowKey="id"
            loading={messages.isLoading}
            dataSource={messages.data?.items ?? []}
            pagination={false}
            columns={[
              {
                title: t('records:dev.at'),
                dataIndex: 'sentAt',
                render: (at: string) => formatInstant(at, language),
              },
              { title: t('records:dev.to'), dataIndex: 'phoneMasked' },
              { title: t('records:dev.text'), dataIndex: 'text' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
