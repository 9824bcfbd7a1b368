import {
  daysLeft,
  insideYear,
  missingOf,
  threePlusOneProgress,
  threePlusOneYear,
} from './three-plus-one-year';

const at = (text: string) => new Date(text);
const none = { jobsConfirmed: 0, jobsPending: 0, trainingsConfirmed: 0, trainingsPending: 0 };

describe('the 3+1 year', () => {
  it('runs 365 days from the unemployment registration: the start day is day 1', () => {
    const year = threePlusOneYear('2026-03-10', at('2020-01-01T00:00:00Z'));
    expect(year).toEqual({
      startsOn: '2026-03-10',
      endsOn: '2027-03-09',
      from: at('2026-03-10T00:00:00+08:00'),
      until: at('2027-03-10T00:00:00+08:00'),
    });
  });

  it('starts on the Shanghai date of the registration here when no unemployment date is recorded', () => {
    // 16:30 UTC on 31 December is already 1 January in Shanghai.
    const year = threePlusOneYear(null, at('2025-12-31T16:30:00Z'));
    expect(year.startsOn).toBe('2026-01-01');
    expect(year.endsOn).toBe('2026-12-31');
    // 15:59 UTC is still 31 December.
    expect(threePlusOneYear(null, at('2025-12-31T15:59:59Z')).startsOn).toBe('2025-12-31');
  });

  it('crosses the year end and February of a leap year', () => {
    expect(threePlusOneYear('2025-12-31', at('2025-01-01T00:00:00Z')).endsOn).toBe('2026-12-30');
    expect(threePlusOneYear('2026-01-01', at('2025-01-01T00:00:00Z')).endsOn).toBe('2026-12-31');
    // 2028 is a leap year: 29 February is one of the 365 days.
    expect(threePlusOneYear('2027-06-01', at('2025-01-01T00:00:00Z')).endsOn).toBe('2028-05-30');
    expect(threePlusOneYear('2028-02-29', at('2025-01-01T00:00:00Z')).endsOn).toBe('2029-02-27');
    expect(threePlusOneYear('2027-03-01', at('2025-01-01T00:00:00Z')).endsOn).toBe('2028-02-28');
  });

  it('counts a record from 00:00 of the first day to 23:59:59.999 of the last, Shanghai time', () => {
    const year = threePlusOneYear('2026-03-10', at('2020-01-01T00:00:00Z'));
    expect(insideYear(year, at('2026-03-09T23:59:59.999+08:00'))).toBe(false);
    expect(insideYear(year, at('2026-03-10T00:00:00+08:00'))).toBe(true);
    expect(insideYear(year, at('2027-03-09T23:59:59.999+08:00'))).toBe(true);
    expect(insideYear(year, at('2027-03-10T00:00:00+08:00'))).toBe(false);
  });

  it('counts days left in whole Shanghai days: 0 on the last day, negative after it', () => {
    const year = threePlusOneYear('2026-01-01', at('2020-01-01T00:00:00Z'));
    expect(daysLeft(year, at('2026-01-01T00:00:00+08:00'))).toBe(364);
    expect(daysLeft(year, at('2026-12-30T23:59:59+08:00'))).toBe(1);
    expect(daysLeft(year, at('2026-12-31T00:00:00+08:00'))).toBe(0);
    // 16:00 UTC on 31 December is 1 January in Shanghai: the year has ended.
    expect(daysLeft(year, at('2026-12-31T15:59:59Z'))).toBe(0);
    expect(daysLeft(year, at('2026-12-31T16:00:00Z'))).toBe(-1);
  });
});

describe('3+1 progress', () => {
  const year = threePlusOneYear('2026-01-01', at('2020-01-01T00:00:00Z'));

  it('is served with 3 confirmed job recommendations and 1 confirmed training, whatever is pending', () => {
    const progress = threePlusOneProgress(
      year,
      { jobsConfirmed: 3, jobsPending: 2, trainingsConfirmed: 1, trainingsPending: 0 },
      at('2026-12-31T12:00:00+08:00'),
    );
    expect(progress).toMatchObject({ served: true, missing: 'none', status: 'served', daysLeft: 0 });
    // Served stays served after the year ended.
    expect(
      threePlusOneProgress(
        year,
        { ...none, jobsConfirmed: 4, trainingsConfirmed: 1 },
        at('2027-05-01T12:00:00+08:00'),
      ).status,
    ).toBe('served');
  });

  it('does not count pending records: they wait for the person’s confirmation', () => {
    const progress = threePlusOneProgress(
      year,
      { jobsConfirmed: 2, jobsPending: 5, trainingsConfirmed: 0, trainingsPending: 1 },
      at('2026-06-01T12:00:00+08:00'),
    );
    expect(progress).toMatchObject({ served: false, missing: 'both', status: 'on-track' });
  });

  it('says what is missing', () => {
    expect(missingOf({ jobsConfirmed: 3, trainingsConfirmed: 0 })).toBe('training');
    expect(missingOf({ jobsConfirmed: 2, trainingsConfirmed: 1 })).toBe('jobs');
    expect(missingOf({ jobsConfirmed: 0, trainingsConfirmed: 0 })).toBe('both');
    expect(missingOf({ jobsConfirmed: 3, trainingsConfirmed: 1 })).toBe('none');
  });

  it('is at risk from 60 days left (not 61) while something is missing, and unmet once the year ended', () => {
    const status = (now: string) => threePlusOneProgress(year, none, at(now)).status;
    // The last day is 2026-12-31: 61 days before is 2026-10-31, 60 days before is 2026-11-01.
    expect(status('2026-10-31T23:59:59+08:00')).toBe('on-track');
    expect(status('2026-11-01T00:00:00+08:00')).toBe('at-risk');
    expect(status('2026-12-31T23:59:59+08:00')).toBe('at-risk');
    expect(status('2027-01-01T00:00:00+08:00')).toBe('ended-unmet');
  });
});
