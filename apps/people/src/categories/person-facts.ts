import { Facts } from './category-rule';
import { RetirementGroup, retirementDate } from './retirement-age';

/** The person columns facts are computed from (see persons table). */
export interface FactsSource {
  gender: 'male' | 'female';
  birthDate: string;
  hukouType: 'urban' | 'rural';
  unemploymentStatus: string;
  unemploymentRegisteredOn: string | null;
  hasDisabilityCertificate: boolean;
  circumstances: Record<string, unknown>;
  servicesPast12Months: number;
  householdZeroEmployment: boolean;
  householdLowIncome: boolean;
}

/** Full years between two YYYY-MM-DD dates. */
export function yearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

export function monthsBetween(from: string, to: string): number {
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  return to.slice(8) < from.slice(8) ? months - 1 : months;
}

/**
 * Which retirement schedule applies. A woman is taken to be on the 55 schedule (cadre) unless she is declared a
 * female worker (`circumstances.femaleWorker`, retiring at 50 before the reform): the wider working age.
 */
export function retirementGroupOf(
  gender: 'male' | 'female',
  circumstances: Record<string, unknown>,
): RetirementGroup {
  if (gender === 'male') return 'male';
  return circumstances.femaleWorker === true ? 'female-50' : 'female-55';
}

/** Legal working age: 16 or older, and `today` (YYYY-MM-DD) before the statutory retirement date. */
export function isWorkingAge(group: RetirementGroup, birthDate: string, today: string): boolean {
  return yearsBetween(birthDate, today) >= 16 && today < retirementDate(group, birthDate);
}

/** The facts of a person on `today` (YYYY-MM-DD, Asia/Shanghai): callers pass their clock's day. */
export function personFacts(source: FactsSource, today: string): Facts {
  const age = yearsBetween(source.birthDate, today);
  const c = source.circumstances;
  const registered = source.unemploymentStatus === 'registered' && source.unemploymentRegisteredOn !== null;
  return {
    age,
    gender: source.gender,
    hukouType: source.hukouType,
    workingAge: isWorkingAge(retirementGroupOf(source.gender, c), source.birthDate, today),
    registeredUnemployed: registered,
    // Approximated: local hukou unless declared otherwise; otherwise resident and insured ≥ 6 months
    // (back-paid months cannot be told apart here).
    residencyEligible:
      c.localHukou !== false || (Number(c.residentMonths ?? 0) >= 6 && Number(c.insuredMonths ?? 0) >= 6),
    // Approximated: months since the unemployment registration, assuming no job in between.
    unemployedMonths: registered ? monthsBetween(source.unemploymentRegisteredOn!, today) : 0,
    hasDisabilityCertificate: source.hasDisabilityCertificate,
    minimumLivingAllowance: c.minimumLivingAllowance === true,
    singleParentOfMinor: c.singleParentOfMinor === true,
    povertyStatus: typeof c.povertyStatus === 'string' ? c.povertyStatus : 'none',
    returningMigrantInsuredMonths: Number(c.returningMigrantInsuredMonths ?? 0),
    landExpropriated: c.landExpropriated === true,
    graduate: c.graduate === true,
    servicesPast12Months: source.servicesPast12Months,
    householdZeroEmployment: source.householdZeroEmployment,
    householdLowIncome: source.householdLowIncome,
  };
}
