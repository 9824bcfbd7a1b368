import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from './api';
import type { Language } from './i18n-helpers';

/** A unit of the org tree as GET /org-units answers it (city, district, street, community). */
export interface OrgUnit {
  code: string;
  parentCode: string | null;
  level: 'city' | 'district' | 'street' | 'community';
  nameZh: string;
  nameEn: string | null;
  path: string;
}

/** GET /org-units/{code} also names the unit's ancestors (street → district → city). */
export type OrgUnitWithAncestors = OrgUnit & { ancestors: OrgUnit[] };

export const CITY_CODE = '510100';

// The tree changes only with an administrative reform: every area reads each answer once per session, and
// the query keys are shared so the areas share the cache.
const FOREVER = Infinity;

export function unitName(unit: Pick<OrgUnit, 'nameZh' | 'nameEn'>, language: Language): string {
  return language === 'en' ? (unit.nameEn ?? unit.nameZh) : unit.nameZh;
}

export const childUnitsQuery = (parent: string) => ({
  queryKey: ['org-units', 'children', parent],
  queryFn: () =>
    api<{ items: OrgUnit[] }>('hotline', '/org-units', { query: { parent } }).then((answer) => answer.items),
  staleTime: FOREVER,
});

export const unitQuery = (code: string) => ({
  queryKey: ['org-units', 'one', code],
  queryFn: () => api<OrgUnitWithAncestors>('hotline', `/org-units/${encodeURIComponent(code)}`),
  staleTime: FOREVER,
});

/** The units directly under `parent` (nothing is fetched while `parent` is undefined). */
export function useChildUnits(parent: string | undefined) {
  return useQuery({ ...childUnitsQuery(parent ?? ''), enabled: parent !== undefined });
}

/** One unit with its ancestors, for showing an address by name. */
export function useUnitWithAncestors(code: string | undefined) {
  return useQuery({ ...unitQuery(code ?? ''), enabled: code !== undefined });
}

/** Resolves unit codes to names (each code is asked for once; the code is shown until its name arrives). */
export function useUnitNames(codes: readonly string[], language: Language): (code: string) => string {
  const distinct = [...new Set(codes.filter(Boolean))].sort();
  const units = useQueries({ queries: distinct.map(unitQuery) });
  const names = new Map<string, string>();
  units.forEach((query, index) => {
    if (query.data) names.set(distinct[index], unitName(query.data, language));
  });
  return (code: string) => names.get(code) ?? code;
}
