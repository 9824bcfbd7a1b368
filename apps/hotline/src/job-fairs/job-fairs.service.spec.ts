import type { HelpRequestView } from '@platform/contracts';
import { ProblemException } from '@platform/nest-kit';
import { fieldError } from '../cases/case-problems';
import { checkStatusChange, fairCaseKey, liveReferralOf, withIntakePrefix } from './job-fairs.service';
import type { FairRow } from './job-fairs.repository';

const fair = (status: FairRow['status'], heldOn = '2027-01-15') => ({ status, heldOn }) as FairRow;
const ruleOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return (error as ProblemException).fieldErrors[0]?.rule;
  }
  return null;
};

describe('job fair rules', () => {
  it('a planned fair becomes held from its day on, or cancelled; a held or cancelled one stays so', () => {
    expect(ruleOf(() => checkStatusChange(fair('planned'), 'held', '2027-01-15'))).toBeNull();
    expect(ruleOf(() => checkStatusChange(fair('planned'), 'held', '2027-01-14'))).toBe('notBeforeItsDay');
    expect(ruleOf(() => checkStatusChange(fair('planned'), 'cancelled', '2027-01-01'))).toBeNull();
    expect(ruleOf(() => checkStatusChange(fair('held'), 'cancelled', '2027-02-01'))).toBe('fromPlanned');
    expect(ruleOf(() => checkStatusChange(fair('cancelled'), 'held', '2027-02-01'))).toBe('fromPlanned');
  });

  it('finds the live referral of the vacancy on the case, not an answered or ended one', () => {
    const view = {
      referrals: [
        { referralId: 'r1', vacancyId: 'v1', status: 'person_declined' },
        { referralId: 'r2', vacancyId: 'v1', status: 'employer_accepted' },
        { referralId: 'r3', vacancyId: 'v2', status: 'proposed' },
      ],
    } as unknown as HelpRequestView;
    expect(liveReferralOf(view, 'v1')).toEqual({ referralId: 'r2', status: 'employer_accepted' });
    expect(liveReferralOf(view, 'v3')).toBeNull();
  });

  it('names the case path’s intake fields under `intake`', () => {
    const refused = new ProblemException(400, 'Request validation failed / 请求校验失败', [
      fieldError('person.idNumber', 'checksum', '校验位错误', 'wrong check digit'),
    ]);
    const answer = withIntakePrefix(refused);
    expect(answer.getStatus()).toBe(400);
    expect(answer.fieldErrors).toEqual([
      {
        field: 'intake.person.idNumber',
        rule: 'checksum',
        message: {
          zh: 'intake.person.idNumber：校验位错误',
          en: 'intake.person.idNumber: wrong check digit',
        },
      },
    ]);
  });

  it('keys the case an application opens by the application, within the Idempotency-Key alphabet', () => {
    expect(fairCaseKey('0d6c3f0e-8f7a-4a53-9d1e-3c2b1a0f9e8d')).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
  });
});
