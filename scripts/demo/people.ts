/**
 * Persons and households (people service), registered by the operator of the person's station. POST /persons
 * is idempotent by ID number (201 created, 200 found and updated); a household is created only when its head
 * belongs to none. The persons are fictional; their ID numbers and phones are generated (identifiers.ts).
 */
import { ORG } from './accounts';
import { Session } from './http-client';
import { idNumber, mobile } from './identifiers';
import { Tally } from './tally';

type Education = 'junior-secondary' | 'senior-secondary' | 'vocational' | 'college' | 'bachelor';

export interface DemoPerson {
  ref: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  /** Area code of the ID number (where the person was first registered). */
  idArea: string;
  hukouType: 'urban' | 'rural';
  hukouPlace: string;
  communityCode: string;
  residenceAddress: string;
  education: Education;
  skills: { codes: string[]; text: string };
  /** Unemployment registration date (fixed, so a later run changes nothing). */
  unemployedSince: string;
  circumstances?: Record<string, unknown>;
  /** Holds a disability certificate (残疾人证) of this category (1–7) and grade (1–4). */
  disability?: { category: number; grade: number };
  /** Not registered beforehand: the hotline's intake (POST /cases) registers them, circumstances and all. */
  registeredAtIntake?: true;
}

const WUHOU = '四川省成都市武侯区';
const JINJIANG = '四川省成都市锦江区';
const { yulinNorth, yulinEast, heping } = ORG.communities;

type PersonSeed = Omit<DemoPerson, 'idArea' | 'hukouType' | 'hukouPlace'> & Partial<DemoPerson>;

/** An urban resident registered where they live, unless the seed says otherwise. */
const person = (seed: PersonSeed): DemoPerson => {
  const wuhou = seed.communityCode.startsWith(ORG.wuhou.district);
  return {
    idArea: wuhou ? ORG.wuhou.district : ORG.jinjiang.district,
    hukouType: 'urban',
    hukouPlace: wuhou ? WUHOU : JINJIANG,
    ...seed,
  };
};

const skill = (text: string, ...codes: string[]) => ({ codes, text });

export const DEMO_PEOPLE: DemoPerson[] = [
  // Callers with a case in 玉林街道 (Wuhou).
  person({
    ref: 'wh-01',
    name: '张建国',
    gender: 'male',
    birthDate: '1972-03-14',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 3 号 2 栋',
    education: 'senior-secondary',
    skills: skill('仓库管理、叉车', '4-02-06-01'),
    unemployedSince: '2026-01-05',
  }),
  person({
    ref: 'wh-02',
    name: '李秀兰',
    gender: 'female',
    birthDate: '1979-08-22',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 7 号 1 栋',
    education: 'junior-secondary',
    skills: skill('保洁、家政', '4-10-01-06'),
    unemployedSince: '2025-12-01',
  }),
  person({
    ref: 'wh-03',
    name: '王磊',
    gender: 'male',
    birthDate: '1995-05-09',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 12 号',
    education: 'vocational',
    skills: skill('仓储、理货', '4-02-06-01'),
    unemployedSince: '2026-09-10',
  }),
  person({
    ref: 'wh-04',
    name: '刘洋',
    gender: 'male',
    birthDate: '1998-11-30',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 20 号 3 栋',
    education: 'senior-secondary',
    skills: skill('快递分拣', '4-02-07-02'),
    unemployedSince: '2026-10-08',
  }),
  person({
    ref: 'wh-05',
    name: '陈静',
    gender: 'female',
    birthDate: '1988-02-17',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 15 号',
    education: 'college',
    skills: skill('保洁、收银', '4-01-02-03'),
    unemployedSince: '2026-06-01',
    circumstances: { localHukou: true, singleParentOfMinor: true },
  }),
  person({
    ref: 'wh-06',
    name: '杨帆',
    gender: 'male',
    birthDate: '1990-07-04',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 5 号 1 单元',
    education: 'college',
    skills: skill('电脑录入、客服', '4-07-02-03'),
    unemployedSince: '2026-03-20',
    disability: { category: 4, grade: 3 },
  }),
  person({
    ref: 'wh-07',
    name: '赵丽',
    gender: 'female',
    birthDate: '1983-09-12',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 22 号',
    education: 'junior-secondary',
    skills: skill('门岗值守', '3-02-03-01'),
    unemployedSince: '2026-05-11',
    circumstances: { localHukou: true, minimumLivingAllowance: true },
  }),
  person({
    ref: 'wh-08',
    name: '黄伟',
    gender: 'male',
    birthDate: '1986-12-03',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 9 号',
    education: 'senior-secondary',
    skills: skill('仓储', '4-02-06-01'),
    unemployedSince: '2026-08-02',
  }),
  person({
    ref: 'wh-09',
    name: '周敏',
    gender: 'female',
    birthDate: '2001-04-26',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 30 号',
    education: 'bachelor',
    skills: skill('办公软件', '4-07-02-03'),
    unemployedSince: '2026-07-01',
    circumstances: { localHukou: true, graduate: true, povertyStatus: 'relieved' },
  }),
  person({
    ref: 'wh-10',
    name: '吴强',
    gender: 'male',
    birthDate: '1975-06-18',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 31 号',
    education: 'junior-secondary',
    skills: skill('装卸', '4-02-06-03'),
    unemployedSince: '2026-04-15',
  }),
  person({
    ref: 'wh-11',
    name: '徐娟',
    gender: 'female',
    birthDate: '1981-10-08',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 11 号',
    education: 'senior-secondary',
    skills: skill('收银', '4-01-02-03'),
    unemployedSince: '2026-02-20',
  }),
  person({
    ref: 'wh-12',
    name: '孙志明',
    gender: 'male',
    birthDate: '1969-01-25',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 2 号',
    education: 'junior-secondary',
    skills: skill('绿化养护', '4-09-05-01'),
    unemployedSince: '2025-10-09',
  }),
  person({
    ref: 'wh-13',
    name: '马丽华',
    gender: 'female',
    birthDate: '1976-05-30',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 40 号',
    education: 'junior-secondary',
    skills: skill('保洁', '4-10-01-06'),
    unemployedSince: '2026-01-18',
  }),
  person({
    ref: 'wh-14',
    name: '朱勇',
    gender: 'male',
    birthDate: '1984-03-02',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 17 号',
    education: 'senior-secondary',
    skills: skill('保安', '3-02-03-01'),
    unemployedSince: '2025-06-01',
  }),
  person({
    ref: 'wh-15',
    name: '胡晓燕',
    gender: 'female',
    birthDate: '1992-12-19',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 26 号',
    education: 'college',
    skills: skill('电话客服', '4-07-02-03'),
    unemployedSince: '2026-09-01',
  }),
  person({
    ref: 'wh-16',
    name: '郭海',
    gender: 'male',
    birthDate: '1980-08-08',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 8 号',
    education: 'vocational',
    skills: skill('秩序维护', '3-02-03-01'),
    unemployedSince: '2026-05-06',
  }),
  // Callers with a case in 春熙路街道 (Jinjiang).
  person({
    ref: 'jj-01',
    name: '何俊',
    gender: 'male',
    birthDate: '1994-02-14',
    communityCode: heping,
    residenceAddress: '和平街 6 号',
    education: 'vocational',
    skills: skill('厨房帮工', '4-03-02-01'),
    unemployedSince: '2026-09-22',
  }),
  person({
    ref: 'jj-02',
    name: '高红梅',
    gender: 'female',
    birthDate: '1978-07-07',
    communityCode: heping,
    residenceAddress: '和平街 14 号',
    education: 'junior-secondary',
    skills: skill('切配、洗碗', '4-03-02-01'),
    unemployedSince: '2026-02-02',
  }),
  person({
    ref: 'jj-03',
    name: '林晨',
    gender: 'male',
    birthDate: '2000-09-09',
    communityCode: heping,
    residenceAddress: '和平街 21 号',
    education: 'college',
    skills: skill('餐厅服务', '4-03-02-05'),
    unemployedSince: '2026-10-12',
  }),
  person({
    ref: 'jj-04',
    name: '罗桂英',
    gender: 'female',
    birthDate: '1972-11-11',
    communityCode: heping,
    residenceAddress: '和平街 3 号',
    education: 'junior-secondary',
    skills: skill('手工', '6-19-02-03'),
    unemployedSince: '2025-11-20',
    disability: { category: 1, grade: 4 },
  }),
  person({
    ref: 'jj-05',
    name: '梁超',
    gender: 'male',
    birthDate: '1991-05-05',
    communityCode: heping,
    residenceAddress: '和平街 18 号（租住）',
    education: 'senior-secondary',
    skills: skill('送餐', '4-02-07-02'),
    unemployedSince: '2026-10-20',
    idArea: '500101',
    hukouPlace: '重庆市万州区',
    circumstances: { localHukou: false, residentMonths: 3, insuredMonths: 0 },
  }),
  person({
    ref: 'jj-06',
    name: '宋丽',
    gender: 'female',
    birthDate: '1985-04-04',
    communityCode: heping,
    residenceAddress: '和平街 25 号',
    education: 'senior-secondary',
    skills: skill('包装', '6-19-02-03'),
    unemployedSince: '2026-04-08',
  }),
  person({
    ref: 'jj-07',
    name: '唐明',
    gender: 'male',
    birthDate: '1977-10-10',
    communityCode: heping,
    residenceAddress: '和平街 9 号',
    education: 'junior-secondary',
    skills: skill('搬运', '4-02-06-03'),
    unemployedSince: '2026-03-03',
  }),
  person({
    ref: 'jj-08',
    name: '韩雪',
    gender: 'female',
    birthDate: '1996-01-20',
    communityCode: heping,
    residenceAddress: '和平街 30 号',
    education: 'bachelor',
    skills: skill('文员', '4-07-02-03'),
    unemployedSince: '2026-08-18',
  }),
  // Registered persons without a case: households and assistance categories for the people screens.
  person({
    ref: 'hh-01',
    name: '邓建华',
    gender: 'male',
    birthDate: '1974-06-06',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 14 号 2 单元',
    education: 'junior-secondary',
    skills: skill('水电维修', '6-29-03-02'),
    unemployedSince: '2026-02-10',
  }),
  person({
    ref: 'hh-02',
    name: '曾淑芬',
    gender: 'female',
    birthDate: '1976-09-15',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 14 号 2 单元',
    education: 'junior-secondary',
    skills: skill('缝纫', '6-05-01-02'),
    unemployedSince: '2026-03-01',
  }),
  person({
    ref: 'hh-03',
    name: '彭小军',
    gender: 'male',
    birthDate: '1987-03-03',
    communityCode: heping,
    residenceAddress: '和平街 11 号（租住）',
    education: 'junior-secondary',
    skills: skill('建筑小工', '6-29-01-01'),
    unemployedSince: '2026-05-20',
    idArea: '510121',
    hukouType: 'rural',
    hukouPlace: '四川省成都市金堂县',
    circumstances: { localHukou: true, returningMigrantInsuredMonths: 8 },
  }),
  person({
    ref: 'hh-04',
    name: '谢春梅',
    gender: 'female',
    birthDate: '1982-12-12',
    communityCode: heping,
    residenceAddress: '和平街 27 号',
    education: 'senior-secondary',
    skills: skill('收银、理货', '4-01-02-03'),
    unemployedSince: '2025-09-01',
    circumstances: { localHukou: true, minimumLivingAllowance: true, singleParentOfMinor: true },
  }),
  // Appended: a person's ID number and phone follow their place in this list.
  person({
    ref: 'jj-09',
    name: '罗志强',
    gender: 'male',
    birthDate: '1972-07-07',
    communityCode: heping,
    residenceAddress: '和平街 5 号',
    education: 'junior-secondary',
    skills: skill('保洁', '4-10-01-06'),
    unemployedSince: '2026-01-15',
    circumstances: { localHukou: true, minimumLivingAllowance: true },
  }),
  // Registered by the intake of his first call: 52, unemployed since April, on 低保, disabled (limb, grade 4).
  person({
    ref: 'wh-17',
    name: '王德明',
    gender: 'male',
    birthDate: '1974-05-18',
    communityCode: yulinNorth,
    residenceAddress: '玉林北路 21 号 3 栋',
    education: 'junior-secondary',
    skills: skill('保洁、门卫', '4-10-01-06'),
    unemployedSince: '2026-04-10',
    circumstances: { localHukou: true, minimumLivingAllowance: true },
    disability: { category: 2, grade: 4 },
    registeredAtIntake: true,
  }),
  // Registered by the intake of her application at the 玉林 job fair (job-fairs.ts): 50, unemployed since spring.
  person({
    ref: 'wh-18',
    name: '蒋桂芳',
    gender: 'female',
    birthDate: '1976-03-08',
    communityCode: yulinEast,
    residenceAddress: '玉林东路 27 号 1 栋',
    education: 'junior-secondary',
    skills: skill('保洁、收纳', '4-10-01-06'),
    unemployedSince: '2026-03-16',
    registeredAtIntake: true,
  }),
];

interface DemoHousehold {
  members: Array<{ ref: string; relation: 'head' | 'spouse' | 'child' }>;
  hukouType: 'urban' | 'rural';
  communityCode: string;
  hasBusinessIncome: boolean;
  lowIncome: boolean;
}

const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  // Both working-age spouses registered unemployed, no business income: a zero-employment household.
  {
    members: [
      { ref: 'hh-01', relation: 'head' },
      { ref: 'hh-02', relation: 'spouse' },
    ],
    hukouType: 'urban',
    communityCode: yulinEast,
    hasBusinessIncome: false,
    lowIncome: false,
  },
  // A rural household below half the local average income: zero-transfer household.
  {
    members: [{ ref: 'hh-03', relation: 'head' }],
    hukouType: 'rural',
    communityCode: heping,
    hasBusinessIncome: false,
    lowIncome: true,
  },
];

/** The resident ID number of a demo person (deterministic; odd sequence = male). */
export function idNumberOf(person: DemoPerson): string {
  const index = DEMO_PEOPLE.indexOf(person);
  return idNumber(person.idArea, person.birthDate, 100 + index * 2 + (person.gender === 'male' ? 1 : 0));
}

/** The certificate number as the federation issues it: the ID number, the category and the grade. */
function disabilityCertificateOf(person: DemoPerson): string {
  return `${idNumberOf(person)}${person.disability!.category}${person.disability!.grade}`;
}

export function phoneOf(person: DemoPerson): string {
  return mobile(DEMO_PEOPLE.indexOf(person));
}

export function personByRef(ref: string): DemoPerson {
  const found = DEMO_PEOPLE.find((candidate) => candidate.ref === ref);
  if (!found) throw new Error(`demo data: no person ${ref}`);
  return found;
}

/** What the intake (POST /cases `person`) says of the person: who they are and what makes them a hardship case. */
export function intakePerson(person: DemoPerson) {
  const { name, idNumber, phone, hukouType, hukouPlace, communityCode, residenceAddress } =
    registration(person);
  return {
    name,
    idNumber,
    phone,
    hukouType,
    hukouPlace,
    communityCode,
    residenceAddress,
    unemployment: { registeredOn: person.unemployedSince, status: 'registered' },
    circumstances: person.circumstances ?? { localHukou: true },
    ...(person.disability ? { disabilityCertificateNo: disabilityCertificateOf(person) } : {}),
  };
}

/** The real-name registration as POST /persons takes it. */
export function registration(person: DemoPerson) {
  return {
    name: person.name,
    idNumber: idNumberOf(person),
    phone: phoneOf(person),
    hukouType: person.hukouType,
    hukouPlace: person.hukouPlace,
    communityCode: person.communityCode,
    residenceAddress: person.residenceAddress,
    education: person.education,
    skills: person.skills,
    unemployment: { registeredOn: person.unemployedSince, status: 'registered' },
    circumstances: person.circumstances ?? { localHukou: true },
    ...(person.disability
      ? { constraints: { disabilityCertificateNo: disabilityCertificateOf(person) } }
      : {}),
  };
}

interface RegistrationResult {
  outcome: 'created' | 'updated';
  person: { id: string; household: { id: string } | null };
}

/** Person ref → person id. */
export type PersonIds = Map<string, string>;

export async function ensurePeople(
  staffFor: (communityCode: string) => Session,
  tally: Tally,
): Promise<PersonIds> {
  const ids: PersonIds = new Map();
  const households = new Map<string, { id: string } | null>();
  for (const person of DEMO_PEOPLE) {
    if (person.registeredAtIntake) {
      // Registered by their case's intake: known only once that ran (a second run finds them).
      const found = await findPerson(staffFor(person.communityCode), person);
      if (found) ids.set(person.ref, found);
      continue;
    }
    const result = await registerPerson(staffFor(person.communityCode), person);
    ids.set(person.ref, result.person.id);
    households.set(person.ref, result.person.household);
    tally[result.outcome === 'created' ? 'created' : 'existing']('persons');
  }
  for (const household of DEMO_HOUSEHOLDS) {
    const head = household.members[0].ref;
    if (households.get(head)) {
      tally.existing('households');
      continue;
    }
    const staff = staffFor(household.communityCode);
    const { members, ...body } = household;
    const { id } = await staff.people.post<{ id: string }>('/households', body);
    for (const member of members) {
      await staff.people.post(`/households/${id}/members`, {
        personId: ids.get(member.ref),
        relation: member.relation,
      });
    }
    tally.created('households');
  }
  return ids;
}

/** Registers the person with their full profile (a case's intake registration later keeps it). */
export function registerPerson(staff: Session, person: DemoPerson): Promise<RegistrationResult> {
  return staff.people.post<RegistrationResult>('/persons', registration(person));
}

/** The person's id, looked up by ID number (POST /persons/lookup); null when not registered yet. */
export async function findPerson(staff: Session, person: DemoPerson): Promise<string | null> {
  const found = await staff.people.post<{ items: Array<{ id: string }> }>('/persons/lookup', {
    idNumber: idNumberOf(person),
  });
  return found.items[0]?.id ?? null;
}
