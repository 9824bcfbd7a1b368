import { evaluateRule, Facts, ruleSchema } from './category-rule';
import { SEED_CATEGORIES } from '../migrations/seed-categories.data';

const base: Facts = {
  age: 45,
  gender: 'female',
  hukouType: 'urban',
  workingAge: true,
  registeredUnemployed: true,
  residencyEligible: true,
  unemployedMonths: 7,
  hasDisabilityCertificate: false,
  minimumLivingAllowance: false,
  singleParentOfMinor: false,
  povertyStatus: 'none',
  returningMigrantInsuredMonths: 0,
  landExpropriated: false,
  graduate: false,
  servicesPast12Months: 0,
  householdZeroEmployment: false,
  householdLowIncome: false,
};

const matching = (facts: Facts) =>
  SEED_CATEGORIES.filter((category) => evaluateRule(category.rule, facts).matched).map((c) => c.code);

describe('category rules', () => {
  it('every seeded rule is a valid rule', () => {
    for (const category of SEED_CATEGORIES) expect(ruleSchema.safeParse(category.rule).success).toBe(true);
    expect(SEED_CATEGORIES).toHaveLength(10);
  });

  it('returns the comparisons that matched as reasons', () => {
    const result = evaluateRule(
      {
        all: [
          { fact: 'gender', eq: 'female' },
          { fact: 'age', gte: 40 },
        ],
      },
      base,
    );
    expect(result).toEqual({
      matched: true,
      reasons: [
        { fact: 'gender', op: 'eq', expected: 'female', actual: 'female' },
        { fact: 'age', op: 'gte', expected: 40, actual: 45 },
      ],
    });
    expect(evaluateRule({ not: { fact: 'age', lt: 40 } }, base).matched).toBe(true);
    expect(evaluateRule({ fact: 'age', in: [44, 46] }, base).matched).toBe(false);
  });

  it('older urban unemployed: women 40, men 50, 6 months', () => {
    expect(matching(base)).toEqual(['older-urban-unemployed']);
    expect(matching({ ...base, age: 39 })).toEqual([]);
    expect(matching({ ...base, gender: 'male' })).toEqual([]);
    expect(matching({ ...base, gender: 'male', age: 50 })).toEqual(['older-urban-unemployed']);
    expect(matching({ ...base, unemployedMonths: 5 })).toEqual([]);
  });

  it('nothing matches outside the base condition', () => {
    expect(matching({ ...base, registeredUnemployed: false, minimumLivingAllowance: true })).toEqual([]);
    expect(matching({ ...base, workingAge: false })).toEqual([]);
  });

  it('the other nine categories each have a person who matches', () => {
    const young = { ...base, age: 30 };
    expect(matching({ ...young, householdZeroEmployment: true })).toEqual(['zero-employment-household']);
    expect(matching({ ...young, singleParentOfMinor: true })).toEqual(['single-parent']);
    expect(matching({ ...young, unemployedMonths: 12, servicesPast12Months: 3 })).toEqual([
      'long-term-unemployed',
    ]);
    expect(matching({ ...young, minimumLivingAllowance: true })).toEqual(['minimum-living-allowance']);
    expect(matching({ ...young, hasDisabilityCertificate: true })).toEqual(['disabled']);
    expect(matching({ ...base, hukouType: 'rural', landExpropriated: true })).toEqual([
      'older-rural-unemployed',
    ]);
    expect(matching({ ...young, hukouType: 'rural', householdLowIncome: true })).toEqual([
      'zero-transfer-household',
    ]);
    expect(matching({ ...young, graduate: true, povertyStatus: 'relieved' })).toEqual([
      'hardship-graduate',
      'poverty',
    ]);
    expect(matching({ ...young, povertyStatus: 'edge' })).toEqual(['poverty']);
  });

  it('rejects malformed rules', () => {
    expect(ruleSchema.safeParse({ fact: 'age', gte: 40, lte: 50 }).success).toBe(false);
    expect(ruleSchema.safeParse({ fact: 'shoeSize', eq: 40 }).success).toBe(false);
    expect(ruleSchema.safeParse({ all: [] }).success).toBe(false);
  });
});
