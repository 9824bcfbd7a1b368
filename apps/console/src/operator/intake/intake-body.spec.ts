import { toOpenCaseBody, type IntakeFormValues } from './intake-body';

const filled: IntakeFormValues = {
  person: {
    name: ' 张三 ',
    idNumber: '11010519491231002x',
    phone: '138 0013 8000',
    hukouType: 'rural',
    hukouPlace: ' 四川省成都市 ',
    communityCode: '510107003001',
    residenceAddress: '  ',
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
  location: { lat: null, lng: null },
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

  it('sends constraints, the minimum wage in fen, the location and a backdated call time', () => {
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
        location: { lat: 30.63, lng: 104.05 },
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
    expect(body.location).toEqual({ lat: 30.63, lng: 104.05 });
    expect(body.receivedAt).toBe('2025-09-26T09:15:00+08:00');
  });

  it('sends no location when only one coordinate is given', () => {
    expect(toOpenCaseBody({ ...filled, location: { lat: 30.6, lng: null } }, null).location).toBeUndefined();
  });
});
