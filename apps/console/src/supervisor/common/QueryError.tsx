import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';

/** A failed load in the page, with the server's own (bilingual) reason and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Alert
      type="error"
      showIcon
      title={forbidden ? t('supervisor:forbidden') : t('supervisor:loadFailed')}
      description={errorMessage(error, language)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common:retry')}
          </Button>
        )
      }
    />
  );
}
