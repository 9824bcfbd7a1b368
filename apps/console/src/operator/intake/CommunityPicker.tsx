import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { useUser } from '../../shared/auth';
import { useLanguage } from '../../shared/i18n-helpers';
import type { OrgUnit } from '../api-types';
import { fetchOrgChildren } from './use-intake';

interface Props {
  id?: string;
  value?: string;
  onChange?: (code: string) => void;
  'aria-invalid'?: boolean;
}

const ORG_STALE_MS = 3600_000;

/** The first level of the picker: the caller's own community, or the units right below their own unit. */
function useTopUnits(orgCode: string) {
  return useQuery({
    queryKey: ['operator', 'org-top', orgCode],
    staleTime: ORG_STALE_MS,
    queryFn: async () => {
      const own = await api<OrgUnit>('hotline', `/org-units/${encodeURIComponent(orgCode)}`);
      const top = own.level === 'community' ? [own] : await fetchOrgChildren(own.code);
      return top.map((unit) => ({ ...unit, parentCode: null }));
    },
  });
}

/**
 * The communities of the operator's subtree, loaded level by level from the org tree. Only communities can be
 * chosen: the hotline refuses any other code, and any community outside the caller's area.
 */
export function CommunityPicker({ id, value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const queryClient = useQueryClient();
  const top = useTopUnits(user.orgCode);
  const [below, setBelow] = useState<OrgUnit[]>([]);

  const treeData = useMemo(
    () =>
      [...(top.data ?? []), ...below].map((unit) => ({
        id: unit.code,
        pId: unit.parentCode,
        value: unit.code,
        title: language === 'zh' ? unit.nameZh : unit.nameEn,
        isLeaf: unit.level === 'community',
        selectable: unit.level === 'community',
      })),
    [top.data, below, language],
  );

  const loadData = async (node: { value?: string | number }) => {
    const parent = String(node.value);
    if (below.some((unit) => unit.parentCode === parent)) return;
    const children = await queryClient.fetchQuery({
      queryKey: ['operator', 'org-children', parent],
      queryFn: () => fetchOrgChildren(parent),
      staleTime: ORG_STALE_MS,
    });
    setBelow((known) => [...known, ...children.filter((child) => !known.some((k) => k.code === child.code))]);
  };

  return (
    <TreeSelect
      id={id}
      aria-invalid={rest['aria-invalid']}
      value={value}
      onChange={(code: string) => onChange?.(code)}
      treeDataSimpleMode
      treeData={treeData}
      loadData={loadData}
      loading={top.isLoading}
      showSearch
      treeNodeFilterProp="title"
      placeholder={t('operator:intake.communityPlaceholder')}
      data-testid="community-picker"
    />
  );
}
