import { useTranslation } from 'react-i18next';
import { useUser } from '../../shared/auth';
import { useLanguage } from '../../shared/i18n-helpers';
import { unitName, useChildUnits } from '../../shared/org-units';

/** The units a supervisor reports on: their own (with everything below it) and each unit right below it. */
export function useOwnUnitOptions(): Array<{ value: string; label: string }> {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const children = useChildUnits(user.orgCode);
  return [
    { value: user.orgCode, label: t('supervisor:kpis.ownUnit') },
    ...(children.data ?? []).map((child) => ({ value: child.code, label: unitName(child, language) })),
  ];
}
