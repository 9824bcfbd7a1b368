import type { Rule } from '../categories/category-rule';

/**
 * The ten assistance categories of docs/domain.md, as seeded by migration 1764100000001. Later policy
 * changes are made through the API (PUT /assistance-categories/:code) or a new migration, never here.
 * Every rule starts with the base condition: working age, registered unemployed, residency (local hukou, or
 * resident and insured ≥ 6 months).
 */
export interface CategorySeed {
  code: string;
  nameZh: string;
  nameEn: string;
  rule: Rule;
  note: string;
}

const BASE: Rule[] = [
  { fact: 'workingAge', eq: true },
  { fact: 'registeredUnemployed', eq: true },
  { fact: 'residencyEligible', eq: true },
];

const OLDER: Rule = {
  any: [
    {
      all: [
        { fact: 'gender', eq: 'female' },
        { fact: 'age', gte: 40 },
      ],
    },
    {
      all: [
        { fact: 'gender', eq: 'male' },
        { fact: 'age', gte: 50 },
      ],
    },
  ],
};

export const SEED_CATEGORIES: CategorySeed[] = [
  {
    code: 'older-urban-unemployed',
    nameZh: '城镇大龄失业人员',
    nameEn: 'Older urban unemployed',
    rule: { all: [...BASE, { fact: 'hukouType', eq: 'urban' }, OLDER, { fact: 'unemployedMonths', gte: 6 }] },
    note: 'unemployedMonths is counted from the unemployment registration date (continuity approximated)',
  },
  {
    code: 'zero-employment-household',
    nameZh: '零就业家庭成员',
    nameEn: 'Member of a zero-employment household',
    rule: { all: [...BASE, { fact: 'householdZeroEmployment', eq: true }] },
    note: 'household status is evaluated by the households feature',
  },
  {
    code: 'single-parent',
    nameZh: '抚养未成年子女的单亲家庭失业人员',
    nameEn: 'Single parent raising a child under 18',
    rule: { all: [...BASE, { fact: 'singleParentOfMinor', eq: true }] },
    note: 'declared by the person at registration',
  },
  {
    code: 'long-term-unemployed',
    nameZh: '连续失业一年以上人员',
    nameEn: 'Unemployed one year or more despite services',
    rule: { all: [...BASE, { fact: 'unemployedMonths', gte: 12 }, { fact: 'servicesPast12Months', gte: 3 }] },
    note: 'services = job and training referrals recorded here in the past 12 months',
  },
  {
    code: 'minimum-living-allowance',
    nameZh: '享受城乡居民最低生活保障的失业人员',
    nameEn: 'Receiving minimum living allowance (低保)',
    rule: { all: [...BASE, { fact: 'minimumLivingAllowance', eq: true }] },
    note: 'declared; not yet checked against civil-affairs data',
  },
  {
    code: 'disabled',
    nameZh: '持证残疾失业人员',
    nameEn: 'Disabled, holding a disability certificate',
    rule: { all: [...BASE, { fact: 'hasDisabilityCertificate', eq: true }] },
    note: 'a certificate number is on file',
  },
  {
    code: 'older-rural-unemployed',
    nameZh: '农村大龄失业人员',
    nameEn: 'Older rural unemployed',
    rule: {
      all: [
        ...BASE,
        { fact: 'hukouType', eq: 'rural' },
        OLDER,
        {
          any: [
            { fact: 'returningMigrantInsuredMonths', gte: 6 },
            { fact: 'landExpropriated', eq: true },
          ],
        },
      ],
    },
    note: 'returning-migrant insurance months and land expropriation are declared',
  },
  {
    code: 'zero-transfer-household',
    nameZh: '农村零转移贫困家庭成员',
    nameEn: 'Member of a rural zero-transfer poor household',
    rule: { all: [...BASE, { fact: 'hukouType', eq: 'rural' }, { fact: 'householdLowIncome', eq: true }] },
    note: 'low income (< 50 % of local average) is recorded on the household; "zero transfer" is approximated by it',
  },
  {
    code: 'hardship-graduate',
    nameZh: '困难家庭未就业高校毕业生',
    nameEn: 'Unemployed graduate from a hardship household',
    rule: {
      all: [
        ...BASE,
        { fact: 'graduate', eq: true },
        {
          any: [
            { fact: 'povertyStatus', eq: 'relieved' },
            { fact: 'minimumLivingAllowance', eq: true },
            { fact: 'householdZeroEmployment', eq: true },
            { fact: 'householdLowIncome', eq: true },
          ],
        },
      ],
    },
    note: 'graduate is declared',
  },
  {
    code: 'poverty',
    nameZh: '脱贫人口和防返贫监测对象',
    nameEn: 'Poverty-relieved or on the edge of poverty',
    rule: { all: [...BASE, { fact: 'povertyStatus', in: ['relieved', 'edge'] }] },
    note: 'declared; not yet checked against rural-revitalisation data',
  },
];
