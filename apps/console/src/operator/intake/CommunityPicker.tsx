import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../shared/auth';
import { useLanguage } from '../../shared/i18n-helpers';
import { childUnitsQuery, type OrgUnit, unitName, unitQuery } from '../../shared/org-units';

interface Props {
  id?: string;
  value?: string;
  onChange?: (code: string) => void;
  'aria-invalid'?: boolean;
}

/** The first level of the picker: the caller's own community, or the units right below their own unit. */
function useTopUnits(orgCode: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['operator', 'org-top', orgCode],
    staleTime: Infinity,
    queryFn: async () => {
      const own = await queryClient.fetchQuery(unitQuery(orgCode));
      const top = own.level === 'community' ? [own] : await queryClient.fetchQuery(childUnitsQuery(own.code));
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
        title: unitName(unit, language),
        isLeaf: unit.level === 'community',
        selectable: unit.level === 'community',
      })),
    [top.data, below, language],
  );

  const loadData = async (node: { value?: string | number }) => {
    const parent = String(node.value);
    if (below.some((unit) => unit.parentCode === parent)) return;
    const children = await queryClient.fetchQuery(childUnitsQuery(parent));
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
