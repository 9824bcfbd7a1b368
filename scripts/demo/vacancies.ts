/**
 * Vacancies, posted by each employer through its own portal account (jobs service `/employer/vacancies`: the
 * employer comes from the token, so no one else can post for it). Looked up by title among the employer's
 * own vacancies before posting.
 */
import type { VacancyView } from '@platform/contracts';
import { ORG } from './accounts';
import { Session } from './http-client';
import { addDays, shanghaiDay } from './identifiers';
import { Tally } from './tally';

export const DEMO_EMPLOYER_ACCOUNT = 'employer.demo';

/** A vacancy as the jobs service takes it, with wages in yuan and the posting account. */
type DemoVacancy = Pick<
  VacancyView,
  | 'kind'
  | 'occupationCode'
  | 'title'
  | 'description'
  | 'skills'
  | 'districtCode'
  | 'streetCode'
  | 'lat'
  | 'lng'
  | 'hours'
  | 'physicalDemand'
  | 'disabledSuitable'
  | 'headcount'
  | 'noExperience'
> & {
  key: string;
  /** Username of the employer account that posts it. */
  employer: string;
  shiftNote?: string;
  /** Monthly wage range in yuan (sent in fen). */
  wageYuan: [number, number];
};

export const DEMO_VACANCIES: DemoVacancy[] = [
  {
    key: 'warehouse-clerk',
    employer: DEMO_EMPLOYER_ACCOUNT,
    kind: 'market',
    occupationCode: '4-02-06-01',
    title: '仓库理货员',
    description: '负责商超配送仓的收货、上架与盘点，公司提供岗前培训，包工作餐。',
    skills: ['理货', '仓储', '叉车'],
    districtCode: ORG.wuhou.district,
    streetCode: ORG.wuhou.yulin,
    lat: 30.632,
    lng: 104.062,
    hours: 'full_time',
    physicalDemand: 'moderate',
    disabledSuitable: false,
    wageYuan: [3800, 4500],
    headcount: 20,
    noExperience: true,
  },
  {
    key: 'parcel-sorter',
    employer: DEMO_EMPLOYER_ACCOUNT,
    kind: 'market',
    occupationCode: '4-02-07-02',
    title: '快递分拣员',
    description: '夜班分拣快递包裹，按件计酬另有保底工资，两班倒。',
    skills: ['分拣', '扫码'],
    districtCode: ORG.wuhou.district,
    streetCode: ORG.wuhou.cuqiao,
    lat: 30.609,
    lng: 104.012,
    hours: 'shift',
    shiftNote: '20:00–次日 6:00，做五休二',
    physicalDemand: 'moderate',
    disabledSuitable: false,
    wageYuan: [4200, 5500],
    headcount: 30,
    noExperience: true,
  },
  {
    key: 'customer-service',
    employer: DEMO_EMPLOYER_ACCOUNT,
    kind: 'market',
    occupationCode: '4-07-02-03',
    title: '电话客服专员（可居家）',
    description: '接听售后咨询电话并录入工单，坐姿工作，可安排居家办公，适合行动不便人员。',
    skills: ['电脑录入', '普通话'],
    districtCode: ORG.wuhou.district,
    streetCode: ORG.wuhou.yulin,
    lat: 30.628,
    lng: 104.058,
    hours: 'part_time',
    physicalDemand: 'light',
    disabledSuitable: true,
    wageYuan: [2600, 3200],
    headcount: 10,
    noExperience: true,
  },
  {
    key: 'cleaner',
    employer: 'employer.jincheng',
    kind: 'market',
    occupationCode: '4-09-08-02',
    title: '小区保洁员',
    description: '负责玉林片区住宅小区公共区域保洁，就近安排，缴纳五险。',
    skills: ['保洁'],
    districtCode: ORG.wuhou.district,
    streetCode: ORG.wuhou.yulin,
    lat: 30.635,
    lng: 104.065,
    hours: 'full_time',
    physicalDemand: 'moderate',
    disabledSuitable: false,
    wageYuan: [2800, 3300],
    headcount: 15,
    noExperience: true,
  },
  {
    key: 'security',
    employer: 'employer.jincheng',
    kind: 'market',
    occupationCode: '3-02-03-01',
    title: '小区秩序维护员',
    description: '门岗值守与巡逻，三班倒，持保安员证优先，公司可协助考证。',
    skills: ['安保', '巡逻'],
    districtCode: ORG.wuhou.district,
    streetCode: ORG.wuhou.yulin,
    lat: 30.633,
    lng: 104.061,
    hours: 'shift',
    shiftNote: '三班倒，月休四天',
    physicalDemand: 'moderate',
    disabledSuitable: false,
    wageYuan: [3500, 4000],
    headcount: 12,
    noExperience: true,
  },
  {
    key: 'kitchen-helper',
    employer: 'employer.shuwei',
    kind: 'market',
    occupationCode: '4-03-02-01',
    title: '后厨帮工',
    description: '协助厨师备菜、洗切配，包吃住，春熙路门店。',
    skills: ['切配', '餐饮'],
    districtCode: ORG.jinjiang.district,
    streetCode: ORG.jinjiang.chunxilu,
    lat: 30.655,
    lng: 104.081,
    hours: 'full_time',
    physicalDemand: 'moderate',
    disabledSuitable: false,
    wageYuan: [3600, 4200],
    headcount: 8,
    noExperience: true,
  },
  {
    key: 'waiter',
    employer: 'employer.shuwei',
    kind: 'market',
    occupationCode: '4-03-02-05',
    title: '餐厅服务员',
    description: '负责点餐、传菜与桌面清理，午晚两个时段，可选兼职。',
    skills: ['服务', '普通话'],
    districtCode: ORG.jinjiang.district,
    streetCode: ORG.jinjiang.chunxilu,
    lat: 30.656,
    lng: 104.079,
    hours: 'flexible',
    physicalDemand: 'light',
    disabledSuitable: false,
    wageYuan: [3200, 3800],
    headcount: 10,
    noExperience: true,
  },
  {
    key: 'greenway-care',
    employer: 'employer.lvdao',
    // Posted by the base itself, so a market post: employers cannot designate public kinds (jobs refuses them).
    kind: 'market',
    occupationCode: '4-09-05-01',
    title: '绿道养护工（援助基地岗位）',
    description: '锦城绿道簇桥段的绿化浇灌、修剪与保洁，援助基地托底岗位，无经验可做。',
    skills: ['绿化养护'],
    districtCode: ORG.wuhou.district,
    streetCode: ORG.wuhou.cuqiao,
    lat: 30.604,
    lng: 104.006,
    hours: 'full_time',
    physicalDemand: 'moderate',
    disabledSuitable: false,
    wageYuan: [2600, 3000],
    headcount: 10,
    noExperience: true,
  },
  {
    key: 'packing-worker',
    employer: 'employer.dongjiao',
    kind: 'market',
    occupationCode: '6-19-02-03',
    title: '纸品包装工（援助基地岗位）',
    description: '纸箱折叠、装箱与贴标，坐立交替，计件加保底，援助基地托底岗位。',
    skills: ['包装'],
    districtCode: ORG.jinjiang.district,
    streetCode: ORG.jinjiang.niushikou,
    lat: 30.647,
    lng: 104.111,
    hours: 'full_time',
    physicalDemand: 'light',
    disabledSuitable: true,
    wageYuan: [2500, 3200],
    headcount: 10,
    noExperience: true,
  },
];

/** Vacancy key → vacancy id and the username of the employer account that answers its referrals. */
export type VacancyIndex = Map<string, { id: string; employer: string }>;

export async function ensureVacancies(employers: Map<string, Session>, tally: Tally): Promise<VacancyIndex> {
  const index: VacancyIndex = new Map();
  const today = shanghaiDay();
  for (const [username, session] of employers) {
    const own = await session.jobs.all<VacancyView>('/employer/vacancies');
    for (const vacancy of DEMO_VACANCIES.filter((candidate) => candidate.employer === username)) {
      let id = own.find((candidate) => candidate.title === vacancy.title)?.id;
      if (id) {
        tally.existing('vacancies');
      } else {
        id = (await session.jobs.post<VacancyView>('/employer/vacancies', vacancyBody(vacancy, today))).id;
        tally.created('vacancies');
      }
      index.set(vacancy.key, { id, employer: username });
    }
  }
  return index;
}

/** The posting as the jobs API takes it: valid for 90 days from today, wages in fen. */
function vacancyBody(vacancy: DemoVacancy, today: string) {
  return {
    kind: vacancy.kind,
    occupationCode: vacancy.occupationCode,
    title: vacancy.title,
    description: vacancy.description,
    skills: vacancy.skills,
    districtCode: vacancy.districtCode,
    streetCode: vacancy.streetCode,
    lat: vacancy.lat,
    lng: vacancy.lng,
    hours: vacancy.hours,
    ...(vacancy.shiftNote ? { shiftNote: vacancy.shiftNote } : {}),
    physicalDemand: vacancy.physicalDemand,
    disabledSuitable: vacancy.disabledSuitable,
    wageMinFen: vacancy.wageYuan[0] * 100,
    wageMaxFen: vacancy.wageYuan[1] * 100,
    headcount: vacancy.headcount,
    noExperience: vacancy.noExperience,
    validFrom: today,
    validTo: addDays(today, 90),
  };
}
