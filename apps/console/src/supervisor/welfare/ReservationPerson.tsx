import { useQuery } from '@tanstack/react-query';
import type { CaseDetail } from '@platform/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';

/**
 * Who a hold is for: the case's caller by name and masked phone (the hotline's case view), linking to the case
 * page; a case the hotline does not show (another area, or no caller's card) is named only by the link.
 */
export function ReservationPerson({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['supervisor', 'reservation-case', caseId],
    queryFn: () => api<CaseDetail>('hotline', `/cases/${caseId}`),
    staleTime: 300_000,
    retry: false,
  });
  const caller = detail.data?.caller;
  return (
    <Link to={`/operator/cases/${caseId}`} data-case-id={caseId}>
      {caller ? `${caller.name} ${caller.phoneMasked}` : t('supervisor:welfare.openCase')}
    </Link>
  );
}
