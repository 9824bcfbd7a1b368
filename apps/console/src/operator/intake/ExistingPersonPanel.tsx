import { Alert, Descriptions, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../shared/api';
import type { ExistingCaller } from './use-intake';
import { shortId } from '../../shared/format';

/** When the ID number belongs to a registered person: who they are (masked) and links to their open cases. */
export function ExistingPersonPanel({ caller }: { caller: ExistingCaller }) {
  const { t } = useTranslation();
  const { person, cases, openCases } = caller;
  if (person.isFetching && !person.data) return <Spin size="small" />;
  if (person.isError) return <Alert type="warning" showIcon title={t('operator:existing.lookupFailed')} />;
  if (!person.data) return null;
  const notBuiltYet = cases.error instanceof ApiError && cases.error.status === 404;

  return (
    <Alert
      type={openCases.length ? 'warning' : 'info'}
      showIcon
      data-testid="existing-person"
      title={openCases.length ? t('operator:existing.duplicateWarning') : t('operator:existing.title')}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={3}
            items={[
              { key: 'name', label: t('operator:intake.name'), children: person.data.name },
              { key: 'id', label: t('operator:intake.idNumber'), children: person.data.idNumberMasked },
              { key: 'phone', label: t('operator:intake.phone'), children: person.data.phoneMasked },
            ]}
          />
          {cases.isLoading && <Spin size="small" />}
          {cases.isError &&
            t(notBuiltYet ? 'operator:existing.lookupUnavailable' : 'operator:existing.lookupFailed')}
          {cases.isSuccess && openCases.length === 0 && t('operator:existing.noOpenCases')}
          {openCases.length > 0 && (
            <nav aria-label={t('operator:existing.openCases')}>
              <Space wrap>
                {openCases.map((item) => (
                  <Link key={item.caseId} to={`../cases/${item.caseId}`} data-testid="open-case-link">
                    {t('operator:existing.caseLink', {
                      id: shortId(item.caseId),
                      state: t(`common:caseState.${item.state}`),
                    })}
                  </Link>
                ))}
              </Space>
            </nav>
          )}
        </Space>
      }
    />
  );
}
