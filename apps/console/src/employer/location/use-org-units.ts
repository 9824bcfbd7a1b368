import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { Language } from '../../shared/i18n-helpers';

/** A unit of the org tree as GET /org-units answers it (city, district, street, community). */
export interface OrgUnit {
  code: string;
  parentCode: string | null;
  level: string;
  nameZh: string;
  nameEn: string | null;
  path: string;
}

export const CITY_CODE = '510100';

export function unitName(unit: Pick<OrgUnit, 'nameZh' | 'nameEn'>, language: Language): string {
  return language === 'en' ? (unit.nameEn ?? unit.nameZh) : unit.nameZh;
}

/** The units directly under `parent`; the tree changes only with an administrative reform, so read once. */
export function useChildUnits(parent: string | undefined) {
  return useQuery({
    queryKey: ['org-units', 'children', parent],
    queryFn: () => api<{ items: OrgUnit[] }>('hotline', '/org-units', { query: { parent } }),
    select: (answer) => answer.items,
    enabled: parent !== undefined,
    staleTime: Infinity,
  });
}

/** One unit with its ancestors (street → district → city), for showing an address by name. */
export function useUnitWithAncestors(code: string | undefined) {
  return useQuery({
    queryKey: ['org-units', 'with-ancestors', code],
    queryFn: () => api<OrgUnit & { ancestors: OrgUnit[] }>('hotline', `/org-units/${code}`),
    enabled: code !== undefined,
    staleTime: Infinity,
  });
}
