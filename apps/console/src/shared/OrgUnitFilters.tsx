import { Form, Select } from 'antd';
import { useState } from 'react';
import { fixedOrgLevels } from '../supervisor/board/board-rows';
import { useUser } from './auth';
import { useLanguage } from './i18n-helpers';
import { type OrgUnit, unitName, useChildUnits } from './org-units';

interface ChosenUnits {
  district?: string;
  street?: string;
  community?: string;
}

/**
 * The district / street / community a board is narrowed to. The user's own levels are fixed; below them the
 * user picks a district (only to list its streets), a street, a community. `onChange` runs on every pick (the
 * boards go back to their first page).
 */
export function useOrgUnitFilter(onChange: () => void) {
  const fixed = fixedOrgLevels(useUser().orgPath);
  const [chosen, setChosen] = useState<ChosenUnits>({});
  const districtCode = fixed.district ?? chosen.district;
  const streetCode = fixed.street ?? chosen.street;
  const communityCode = fixed.community ?? chosen.community;
  const districts = useChildUnits(fixed.city);
  const streets = useChildUnits(districtCode);
  const communities = useChildUnits(streetCode);
  const choose = (next: ChosenUnits) => {
    setChosen(next);
    onChange();
  };
  return {
    fixed,
    chosen,
    choose,
    districtCode,
    streetCode,
    communityCode,
    districts: districts.data,
    streets: streets.data,
    communities: communities.data,
  };
}

export type OrgUnitFilter = ReturnType<typeof useOrgUnitFilter>;

/** The pages' own words for the selects, translated by the page (so the key check sees every key). */
export interface OrgUnitFilterLabels {
  district: string;
  street: string;
  community: string;
  allUnits: string;
}

/**
 * The three selects of a board's filter form. `idPrefix` names the elements (`<idPrefix>-district`, …: the
 * browser specs select by these ids).
 */
export function OrgUnitFilters({
  filter,
  idPrefix,
  labels,
}: {
  filter: OrgUnitFilter;
  idPrefix: string;
  labels: OrgUnitFilterLabels;
}) {
  const language = useLanguage();
  const { fixed, chosen, choose, districtCode, streetCode, communityCode } = filter;
  const unitOptions = (units: OrgUnit[] | undefined) =>
    (units ?? []).map((unit) => ({ value: unit.code, label: unitName(unit, language) }));
  const levels = [
    {
      level: 'district' as const,
      disabled: !!fixed.district,
      value: districtCode,
      units: filter.districts,
      onChange: (district?: string) => choose({ district }),
    },
    {
      level: 'street' as const,
      disabled: !!fixed.street || !districtCode,
      value: streetCode,
      units: filter.streets,
      onChange: (street?: string) => choose({ district: chosen.district, street }),
    },
    {
      level: 'community' as const,
      disabled: !!fixed.community || !streetCode,
      value: communityCode,
      units: filter.communities,
      onChange: (community?: string) => choose({ ...chosen, community }),
    },
  ];
  return (
    <>
      {levels.map(({ level, disabled, value, units, onChange }) => (
        <Form.Item key={level} label={labels[level]} htmlFor={`${idPrefix}-${level}`}>
          <Select
            id={`${idPrefix}-${level}`}
            style={{ width: 150 }}
            allowClear
            disabled={disabled}
            value={value}
            placeholder={labels.allUnits}
            options={unitOptions(units)}
            onChange={onChange}
          />
        </Form.Item>
      ))}
    </>
  );
}
