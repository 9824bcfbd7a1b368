import { z } from 'zod';

/**
 * Assistance category rules are data: typed JSON predicates over a person's "facts" (see facts.ts),
 * evaluated by the small interpreter below, which also says why a rule matched.
 */
export const FACT_NAMES = [
  'age',
  'gender',
  'hukouType',
  'workingAge',
  'registeredUnemployed',
  'residencyEligible',
  'unemployedMonths',
  'hasDisabilityCertificate',
  'minimumLivingAllowance',
  'singleParentOfMinor',
  'povertyStatus',
  'returningMigrantInsuredMonths',
  'landExpropriated',
  'graduate',
  'servicesPast12Months',
  'householdZeroEmployment',
  'householdLowIncome',
] as const;
export type FactName = (typeof FACT_NAMES)[number];
export type FactValue = string | number | boolean | null;
export type Facts = Record<FactName, FactValue>;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const factName = z.enum(FACT_NAMES);

const comparison = z
  .object({
    fact: factName,
    eq: scalar.optional(),
    ne: scalar.optional(),
    gte: z.number().optional(),
    gt: z.number().optional(),
    lte: z.number().optional(),
    lt: z.number().optional(),
    in: z.array(scalar).min(1).optional(),
  })
  .strict()
  .refine(
    (value) => ['eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'in'].filter((op) => op in value).length === 1,
    'a comparison needs exactly one operator: eq, ne, gte, gt, lte, lt or in',
  );

export type Comparison = z.infer<typeof comparison>;
export type Rule = Comparison | { all: Rule[] } | { any: Rule[] } | { not: Rule };

export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ruleSchema).min(1) }).strict(),
    z.object({ any: z.array(ruleSchema).min(1) }).strict(),
    z.object({ not: ruleSchema }).strict(),
    comparison,
  ]),
);

export interface Reason {
  fact: FactName;
  op: string;
  expected: unknown;
  actual: FactValue;
}

/** Evaluates a rule; when it holds, `reasons` lists the comparisons that made it hold. */
export function evaluateRule(rule: Rule, facts: Facts): { matched: boolean; reasons: Reason[] } {
  if ('all' in rule) {
    const reasons: Reason[] = [];
    for (const part of rule.all) {
      const result = evaluateRule(part, facts);
      if (!result.matched) return { matched: false, reasons: [] };
      reasons.push(...result.reasons);
    }
    return { matched: true, reasons };
  }
  if ('any' in rule) {
    for (const part of rule.any) {
      const result = evaluateRule(part, facts);
      if (result.matched) return result;
    }
    return { matched: false, reasons: [] };
  }
  if ('not' in rule) {
    const inner = evaluateRule(rule.not, facts);
    return { matched: !inner.matched, reasons: [] };
  }
  const actual = facts[rule.fact] ?? null;
  const [op, expected] = Object.entries(rule).find(([key]) => key !== 'fact') as [string, unknown];
  const matched = compare(op, actual, expected);
  return { matched, reasons: matched ? [{ fact: rule.fact, op, expected, actual }] : [] };
}

function compare(op: string, actual: FactValue, expected: unknown): boolean {
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return (expected as unknown[]).includes(actual);
    default:
      if (typeof actual !== 'number') return false;
      if (op === 'gte') return actual >= (expected as number);
      if (op === 'gt') return actual > (expected as number);
      if (op === 'lte') return actual <= (expected as number);
      return actual < (expected as number);
  }
}
