import { FactsSource, isWorkingAge, personFacts, retirementGroupOf } from './person-facts';
import { retirementAgeMonths, retirementDate } from './retirement-age';

const years = (y: number, m = 0) => y * 12 + m;

describe('statutory retirement ages from 1 January 2025', () => {
  it('men: 60 before January 1965, then one month more every 4 birth months up to 63 (from September 1976)', () => {
    expect(retirementAgeMonths('male', '1964-12-31')).toBe(years(60));
    expect(retirementAgeMonths('male', '1965-01-01')).toBe(years(60, 1));
    expect(retirementAgeMonths('male', '1965-04-30')).toBe(years(60, 1));
    expect(retirementAgeMonths('male', '1965-05-01')).toBe(years(60, 2));
    expect(retirementAgeMonths('male', '1970-01-15')).toBe(years(61, 4)); // 60 birth months on: 15 steps + 1
    expect(retirementAgeMonths('male', '1976-08-31')).toBe(years(62, 11));
    expect(retirementAgeMonths('male', '1976-09-01')).toBe(years(63));
    expect(retirementAgeMonths('male', '1990-06-01')).toBe(years(63));
  });

  it('women on the 55 schedule (cadres): from January 1970, one month every 4, up to 58 (from September 1981)', () => {
    expect(retirementAgeMonths('female-55', '1969-12-31')).toBe(years(55));
    expect(retirementAgeMonths('female-55', '1970-01-01')).toBe(years(55, 1));
    expect(retirementAgeMonths('female-55', '1970-05-01')).toBe(years(55, 2));
    expect(retirementAgeMonths('female-55', '1981-08-31')).toBe(years(57, 11));
    expect(retirementAgeMonths('female-55', '1981-09-01')).toBe(years(58));
  });

  it('women on the 50 schedule (workers): from January 1975, one month every 2, up to 55 (from November 1984)', () => {
    expect(retirementAgeMonths('female-50', '1974-12-31')).toBe(years(50));
    expect(retirementAgeMonths('female-50', '1975-01-01')).toBe(years(50, 1));
    expect(retirementAgeMonths('female-50', '1975-02-28')).toBe(years(50, 1));
    expect(retirementAgeMonths('female-50', '1975-03-01')).toBe(years(50, 2));
    expect(retirementAgeMonths('female-50', '1984-10-31')).toBe(years(54, 11));
    expect(retirementAgeMonths('female-50', '1984-11-01')).toBe(years(55));
  });

  it('dates the retirement: birth date plus the age, on the month’s last day when the day does not exist', () => {
    expect(retirementDate('male', '1964-12-31')).toBe('2024-12-31');
    expect(retirementDate('male', '1965-01-15')).toBe('2025-02-15'); // 60 years 1 month
    expect(retirementDate('male', '1976-09-01')).toBe('2039-09-01');
    expect(retirementDate('female-50', '1975-01-31')).toBe('2025-02-28');
    expect(retirementDate('female-55', '1972-02-29')).toBe('2027-09-29'); // 55 years 7 months
  });
});

describe('working age', () => {
  it('starts at 16 and ends on the retirement date', () => {
    expect(isWorkingAge('male', '2010-06-16', '2026-06-15')).toBe(false);
    expect(isWorkingAge('male', '2010-06-15', '2026-06-15')).toBe(true);
    // Born January 1966: 60 years 4 months, retiring 2026-05-10 (before the reform: 2026-01-10).
    expect(isWorkingAge('male', '1966-01-10', '2026-05-09')).toBe(true);
    expect(isWorkingAge('male', '1966-01-10', '2026-05-10')).toBe(false);
    // A woman born March 1971: 55 years 4 months on the 55 schedule, so still of working age at 55.
    expect(isWorkingAge('female-55', '1971-03-01', '2026-06-30')).toBe(true);
    expect(isWorkingAge('female-55', '1971-03-01', '2026-07-01')).toBe(false);
    // A female worker born May 1976: 50 years 9 months.
    expect(isWorkingAge('female-50', '1976-05-20', '2027-02-19')).toBe(true);
    expect(isWorkingAge('female-50', '1976-05-20', '2027-02-20')).toBe(false);
  });

  it('puts women on the 55 schedule unless declared female workers', () => {
    expect(retirementGroupOf('male', { femaleWorker: true })).toBe('male');
    expect(retirementGroupOf('female', {})).toBe('female-55');
    expect(retirementGroupOf('female', { femaleWorker: true })).toBe('female-50');
  });

  it('computes the facts on the day it is given, not the real date', () => {
    const source: FactsSource = {
      gender: 'male',
      birthDate: '1966-01-10',
      hukouType: 'urban',
      unemploymentStatus: 'registered',
      unemploymentRegisteredOn: '2025-12-10',
      hasDisabilityCertificate: false,
      circumstances: {},
      servicesPast12Months: 0,
      householdZeroEmployment: false,
      householdLowIncome: false,
    };
    expect(personFacts(source, '2026-05-09')).toMatchObject({
      age: 60,
      workingAge: true,
      unemployedMonths: 4,
    });
    expect(personFacts(source, '2026-05-10')).toMatchObject({
      age: 60,
      workingAge: false,
      unemployedMonths: 5,
    });
  });
});
