/**
 * The statutory retirement date of `categories/retirement-age.ts` as a SQL expression, so the retiree ledger
 * is built set-based over a million persons instead of row by row in Node. The groups follow
 * `retirementGroupOf`: men on the male schedule, women on the 55 (cadre) schedule, the wider working age — a
 * declared female worker is inside the encrypted circumstances, which SQL cannot read. The ledger spec checks
 * this expression against the TypeScript rule for every birth month of 1955–1985.
 */
export function retirementDateSql(birthDate: string, gender: string): string {
  const bmi = `(extract(year FROM ${birthDate})::int * 12 + extract(month FROM ${birthDate})::int - 1)`;
  // Per group: base years, first raised birth month index, birth months per step, most extra months.
  const schedule = (base: number, fromYear: number, step: number, max: number) => {
    const since = `(${bmi} - ${fromYear * 12})`;
    return `(${base * 12} + CASE WHEN ${since} < 0 THEN 0 ELSE least(${since} / ${step} + 1, ${max}) END)`;
  };
  const ageMonths = `CASE WHEN ${gender} = 'male' THEN ${schedule(60, 1965, 4, 36)} ELSE ${schedule(55, 1970, 4, 36)} END`;
  const monthStart = `make_date((${bmi} + ${ageMonths}) / 12, (${bmi} + ${ageMonths}) % 12 + 1, 1)`;
  // The birth day in the month reached, or that month's last day when it has no such day.
  return `least(${monthStart} + (extract(day FROM ${birthDate})::int - 1), (${monthStart} + interval '1 month' - interval '1 day')::date)`;
}
