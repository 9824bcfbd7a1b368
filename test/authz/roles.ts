/**
 * The callers of the matrix, in the order of the expectation table's columns. "A" is the area and employer whose
 * objects fill the path parameters: 武侯区 玉林街道 and employer A; "B" is 锦江区 春熙路街道 and employer B.
 */
export const ROLES = [
  'anonymous', // no token
  'operatorA', // operator.wuhou, 玉林街道 (owns the area-A cases)
  'operatorB', // an operator of 锦江区 春熙路街道 (owns the area-B cases)
  'supervisorDistrict', // supervisor.wuhou, 武侯区
  'supervisorCity', // supervisor.city
  'employerA', // the employer that owns the vacancies and referrals of A
  'employerB', // another employer
  'admin',
] as const;

export type RoleName = (typeof ROLES)[number];

/** Short column headers for the printed matrix. */
export const ROLE_LABELS: Record<RoleName, string> = {
  anonymous: 'anon',
  operatorA: 'opA',
  operatorB: 'opB',
  supervisorDistrict: 'supD',
  supervisorCity: 'supC',
  employerA: 'empA',
  employerB: 'empB',
  admin: 'admin',
};
