import {
  monthsSince,
  NO_CIRCUMSTANCES,
  toOpenCaseBody,
  toWorkFromBody,
  type IntakeFormValues,
} from './intake-body';

const filled: IntakeFormValues = {
  person: {
    name: ' 张三 ',
    idNumber: '11010519491231002x',
    phone: '138 0013 8000',
    hukouType: 'rural',
    hukouPlace: ' 四川省成都市 ',
    communityCode: '510107003001',
    residenceAddress: '  ',
    unemployment: { status: 'none', registeredOn: null },
    disabled: false,
    disabilityCertificateNo: '',
    circumstances: NO_CIRCUMSTANCES,
  },
  wants: ' 保洁或保安 ',
  acceptsAnyJob: true,
  skills: [' 保洁 ', '保洁', '', '驾驶'],
  constraints: {
    hours: [],
    maxDistanceKm: null,
    maxPhysicalDemand: null,
    needsDisabledSuitable: false,
    minWageYuan: null,
  },
  workFrom: { communityCode: null, address: '' },
};

describe('toOpenCaseBody', () => {
  it('trims text, drops empty optional values and de-duplicates skills', () => {
    expect(toOpenCaseBody(filled, null)).toEqual({
      person: {
        name: '张三',
        idNumber: '11010519491231002X',
        phone: '138 0013 8000',
        hukouType: 'rural',
        hukouPlace: '四川省成都市',
        communityCode: '510107003001',
      },
      wants: '保洁或保安',
      acceptsAnyJob: true,
      skills: ['保洁', '驾驶'],
      constraints: {},
    });
  });

  it('sends constraints, the minimum wage in fen and a backdated call time, never coordinates', () => {
    const body = toOpenCaseBody(
      {
        ...filled,
        person: { ...filled.person, residenceAddress: '玉林北路 1 号' },
        constraints: {
          hours: ['full_time', 'shift'],
          maxDistanceKm: 10,
          maxPhysicalDemand: 'light',
          needsDisabledSuitable: true,
          minWageYuan: 2500.5,
        },
      },
      '2025-09-26 09:15',
    );
    expect(body.person.residenceAddress).toBe('玉林北路 1 号');
    expect(body.constraints).toEqual({
      hours: ['full_time', 'shift'],
      maxDistanceKm: 10,
      maxPhysicalDemand: 'light',
      needsDisabledSuitable: true,
      minWageFen: 250_050,
    });
    expect(body).not.toHaveProperty('location');
    expect(body.receivedAt).toBe('2025-09-26T09:15:00+08:00');
  });

  it("saves where the person works from only when it is not just the caller's own community", () => {
    expect(toWorkFromBody(filled)).toBeNull();
    const own = filled.person.communityCode!;
    expect(toWorkFromBody({ ...filled, workFrom: { communityCode: own, address: '  ' } })).toBeNull();
    expect(
      toWorkFromBody({ ...filled, workFrom: { communityCode: null, address: ' 玉林北路 2 号 ' } }),
    ).toEqual({
      communityCode: own,
      address: '玉林北路 2 号',
    });
    expect(toWorkFromBody({ ...filled, workFrom: { communityCode: '510104003001', address: '' } })).toEqual({
      communityCode: '510104003001',
    });
  });

  it('sends the unemployment registration, the certificate and only the circumstances answered yes', () => {
    const body = toOpenCaseBody(
      {
        ...filled,
        person: {
          ...filled.person,
          unemployment: { status: 'registered', registeredOn: '2025-02-10' },
          disabled: true,
          disabilityCertificateNo: ' 51010719730101153x42 ',
          circumstances: {
            ...NO_CIRCUMSTANCES,
            minimumLivingAllowance: true,
            povertyStatus: 'edge',
            // Details of a question answered "no" are not sent.
            residentMonths: 12,
            returningMigrant: true,
            returningMigrantInsuredMonths: 7,
          },
        },
      },
      null,
    );
    expect(body.person).toMatchObject({
      unemployment: { status: 'registered', registeredOn: '2025-02-10' },
      disabilityCertificateNo: '51010719730101153X42',
      circumstances: {
        minimumLivingAllowance: true,
        povertyStatus: 'edge',
        returningMigrantInsuredMonths: 7,
      },
    });
    expect(Object.keys(body.person.circumstances!).sort()).toEqual([
      'minimumLivingAllowance',
      'povertyStatus',
      'returningMigrantInsuredMonths',
    ]);
  });

  it('a caller from elsewhere declares local hukou false with the months lived and insured here', () => {
    const body = toOpenCaseBody(
      {
        ...filled,
        person: {
          ...filled.person,
          circumstances: { ...NO_CIRCUMSTANCES, nonLocalHukou: true, residentMonths: 9, insuredMonths: 6 },
        },
      },
      null,
    );
    expect(body.person.circumstances).toEqual({ localHukou: false, residentMonths: 9, insuredMonths: 6 });
  });

  it('sends no registration without a date, and no certificate number when the caller holds none', () => {
    const body = toOpenCaseBody(
      {
        ...filled,
        person: {
          ...filled.person,
          unemployment: { status: 'registered', registeredOn: null },
          disabled: false,
          disabilityCertificateNo: 'ABC123456',
        },
      },
      null,
    );
    expect(body.person).not.toHaveProperty('unemployment');
    expect(body.person).not.toHaveProperty('disabilityCertificateNo');
    expect(body.person).not.toHaveProperty('circumstances');
  });

  it('counts the whole months of unemployment since the registration', () => {
    expect(monthsSince('2025-02-10', '2025-10-09')).toBe(7);
    expect(monthsSince('2025-02-10', '2025-10-10')).toBe(8);
    expect(monthsSince('2025-10-10', '2025-10-09')).toBe(0);
  });
});
