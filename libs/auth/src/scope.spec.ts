import { ForbiddenException } from '@nestjs/common';
import { AuthenticatedUser } from './auth-claims';
import { isWithinScope, orgPathOfCode, orgScope, requireEmployerId } from './scope';

const supervisor: AuthenticatedUser = {
  userId: 'u1',
  username: 'supervisor.wuhou',
  roles: ['supervisor'],
  orgCode: '510107',
  orgPath: '510100/510107',
  employerId: null,
};

describe('org scope and employer scope', () => {
  it('covers the unit itself and everything below it, and nothing beside it', () => {
    expect(isWithinScope(supervisor, '510100/510107')).toBe(true);
    expect(isWithinScope(supervisor, '510100/510107/510107001')).toBe(true);
    expect(isWithinScope(supervisor, '510100/5101070')).toBe(false);
    expect(isWithinScope(supervisor, '510100/510104/510104001')).toBe(false);
    expect(isWithinScope(supervisor, '510100')).toBe(false);
  });

  it('gives SQL values for the unit and a LIKE pattern for its descendants, with wildcards escaped', () => {
    expect(orgScope(supervisor)).toEqual({ path: '510100/510107', descendants: '510100/510107/%' });
    expect(orgScope({ ...supervisor, orgPath: 'a_b%c' }).descendants).toBe('a\\_b\\%c/%');
  });

  it('gives an employer its own employer id and refuses everyone else', () => {
    const employer = { ...supervisor, roles: ['employer' as const], employerId: 'e-1' };
    expect(requireEmployerId(employer)).toBe('e-1');
    expect(() => requireEmployerId(supervisor)).toThrow(ForbiddenException);
    expect(() => requireEmployerId({ ...employer, employerId: null })).toThrow(ForbiddenException);
  });
});

describe('orgPathOfCode', () => {
  it('turns city, district, street and community codes into org paths', () => {
    expect(orgPathOfCode('510100')).toBe('510100');
    expect(orgPathOfCode('510107')).toBe('510100/510107');
    expect(orgPathOfCode('510107003')).toBe('510100/510107/510107003');
    expect(orgPathOfCode('510107003001')).toBe('510100/510107/510107003/510107003001');
  });
});
