import { referralWordOf } from './fair-words';

describe('referralWordOf', () => {
  it('says placed first, then the referral status, else where the application stands', () => {
    expect(referralWordOf({ status: 'proposed', referralStatus: 'started', placed: true })).toBe('placed');
    expect(referralWordOf({ status: 'proposed', referralStatus: 'employer_accepted', placed: false })).toBe(
      'employer_accepted',
    );
    expect(referralWordOf({ status: 'awaiting-registration', referralStatus: null, placed: false })).toBe(
      'awaiting-registration',
    );
    expect(referralWordOf({ status: 'proposed', referralStatus: null, placed: false })).toBe('proposed');
  });
});
