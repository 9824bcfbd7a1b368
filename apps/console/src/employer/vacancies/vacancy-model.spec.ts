import dayjs from 'dayjs';
import {
  emptyVacancyForm,
  formatWageRange,
  formFieldOf,
  formToVacancyBody,
  vacancyKindsFor,
  vacancyToForm,
  type Vacancy,
} from './vacancy-model';

const vacancy: Vacancy = {
  id: 'b3f1c1de-0000-4000-8000-000000000001',
  employerId: '00000000-0000-4000-8000-000000000001',
  kind: 'market',
  occupationCode: '4-07-05-01',
  title: '保洁员',
  description: '写字楼日常保洁',
  skills: ['保洁', '垃圾分类'],
  districtCode: '510107',
  streetCode: '510107001',
  communityCode: null,
  lat: 30.64,
  lng: 104.05,
  hours: 'shift',
  shiftNote: '早班 8:00–16:00',
  physicalDemand: 'light',
  disabledSuitable: true,
  wageMinFen: 300_050,
  wageMaxFen: 450_000,
  headcount: 3,
  taken: 1,
  noExperience: true,
  validFrom: '2026-11-22',
  validTo: '2026-12-31',
  status: 'open',
  createdAt: '2026-11-22T01:00:00.000Z',
  updatedAt: '2026-11-22T01:00:00.000Z',
};

describe('vacancy model', () => {
  it('shows a wage range in yuan, a single amount when both ends are equal', () => {
    expect(formatWageRange(300_000, 450_000, 'zh')).toBe('¥3,000 – ¥4,500');
    expect(formatWageRange(300_050, 300_050, 'en')).toBe('CN¥3,000.50');
  });

  it('round-trips a stored vacancy through the form unchanged', () => {
    const body = formToVacancyBody(vacancyToForm(vacancy));
    // Coordinates are the service's: never sent, so a stored vacancy keeps its point.
    const server = new Set(['id', 'employerId', 'taken', 'status', 'createdAt', 'updatedAt', 'lat', 'lng']);
    const stored = Object.fromEntries(Object.entries(vacancy).filter(([key]) => !server.has(key)));
    expect(body).toEqual(stored);
  });

  it('trims texts, drops empty and repeated skills, and sends null for cleared optional fields', () => {
    const body = formToVacancyBody({
      ...vacancyToForm(vacancy),
      title: '  保洁员 ',
      skills: [' 保洁', '保洁', ' '],
      shiftNote: '   ',
      communityCode: undefined,
    });
    expect(body.title).toBe('保洁员');
    expect(body.skills).toEqual(['保洁']);
    expect(body.shiftNote).toBeNull();
    expect(body.communityCode).toBeNull();
  });

  it('starts a new vacancy open from today for 30 days', () => {
    const form = emptyVacancyForm('2026-11-22');
    expect(form.validFrom?.format('YYYY-MM-DD')).toBe('2026-11-22');
    expect(form.validTo?.isSame(dayjs('2026-12-22'), 'day')).toBe(true);
    expect(form.districtCode).toBeUndefined();
  });

  it('puts the service fen field errors on the yuan fields', () => {
    expect(formFieldOf('wageMaxFen')).toBe('wageMaxYuan');
    expect(formFieldOf('wageMinFen')).toBe('wageMinYuan');
    expect(formFieldOf('validTo')).toBe('validTo');
  });
});

describe('vacancyKindsFor', () => {
  it('offers an employer market posts only, keeping a public kind the vacancy already has', () => {
    expect(vacancyKindsFor(undefined)).toEqual(['market']);
    expect(vacancyKindsFor('market')).toEqual(['market']);
    expect(vacancyKindsFor('public_welfare')).toEqual(['market', 'public_welfare']);
  });
});
