import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { Language } from '../../shared/i18n-helpers';

/** An org unit as GET /org-units answers it (city, district, street, community). */
export interface OrgUnit {
  code: string;
  parentCode: string | null;
  level: string;
  nameZh: string;
  nameEn: string | null;
  path: string;
}

// The tree changes only with an administrative reform: read each unit once per session.
const FOREVER = Infinity;

export function unitName(unit: Pick<OrgUnit, 'nameZh' | 'nameEn'>, language: Language): string {
  return language === 'en' ? (unit.nameEn ?? unit.nameZh) : unit.nameZh;
}

/** The units directly under `parent` (nothing is fetched while `parent` is undefined). */
export function useChildUnits(parent: string | undefined) {
  return useQuery({
    queryKey: ['org-units', 'children', parent],
    queryFn: () => api<{ items: OrgUnit[] }>('hotline', '/org-units', { query: { parent } }),
    select: (answer) => answer.items,
    enabled: parent !== undefined,
    staleTime: FOREVER,
  });
}

/** Resolves unit codes to names (each code is asked for once; the code is shown until its name arrives). */
export function useUnitNames(codes: readonly string[], language: Language): (code: string) => string {
  const distinct = [...new Set(codes.filter(Boolean))].sort();
  const units = useQueries({
    queries: distinct.map((code) => ({
      queryKey: ['org-units', 'one', code],
      queryFn: () => api<OrgUnit>('hotline', `/org-units/${code}`),
      staleTime: FOREVER,
    })),
  });
  const names = new Map<string, string>();
  units.forEach((query, index) => {
    if (query.data) names.set(distinct[index], unitName(query.data, language));
  });
  return (code: string) => names.get(code) ?? code;
}
