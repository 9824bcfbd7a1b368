// The vacancy as the jobs service speaks it (VacancyView of the contracts) and as the form edits it: the form
// works in yuan and dayjs dates, the API in fen and yyyy-mm-dd.
import type { JobHours, PhysicalDemand, VacancyKind, VacancyView } from '@platform/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { fenToYuan, yuanToFen } from '../../shared/format';

/**
 * The kinds an employer may choose: market posts only. Public-welfare and assistance-base posts are set up by the
 * bureau; a vacancy that already has such a kind keeps it (the service accepts an unchanged kind).
 */
export function vacancyKindsFor(current: VacancyKind | undefined): VacancyKind[] {
  return current && current !== 'market' ? ['market', current] : ['market'];
}
export const HOURS = ['full_time', 'part_time', 'shift', 'flexible'] as const satisfies readonly JobHours[];
export const PHYSICAL_DEMANDS = ['light', 'moderate', 'heavy'] as const satisfies readonly PhysicalDemand[];
export type VacancyStatus = VacancyView['status'];

/** The DTO's limits, checked while the employer types (the service checks them again). */
export const VACANCY_LIMITS = {
  occupationCode: /^[1-8](-\d{2}){1,3}$/,
  titleMax: 100,
  descriptionMax: 4000,
  skillsMax: 30,
  skillMax: 30,
  shiftNoteMax: 200,
  /** 100 000 000 fen. */
  wageMaxYuan: 1_000_000,
  headcount: { min: 1, max: 10_000 },
} as const;

/** The vacancy as the jobs service answers it. */
export type Vacancy = VacancyView;
/**
 * What the employer sends: the vacancy without what the service assigns. No coordinates: the service takes the
 * point from the community (or street) chosen, and keeps a vacancy's point while its place does not change.
 */
export type VacancyBody = Omit<
  Vacancy,
  'id' | 'employerId' | 'taken' | 'status' | 'createdAt' | 'updatedAt' | 'lat' | 'lng'
>;

export interface VacancyFormValues {
  kind: VacancyKind;
  occupationCode: string;
  title: string;
  description: string;
  skills: string[];
  districtCode?: string;
  streetCode?: string;
  communityCode?: string | null;
  hours: JobHours;
  shiftNote?: string | null;
  physicalDemand: PhysicalDemand;
  disabledSuitable: boolean;
  noExperience: boolean;
  wageMinYuan?: number | null;
  wageMaxYuan?: number | null;
  headcount?: number | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}

export const DATE_FORMAT = 'YYYY-MM-DD';

/** "¥3,000 – ¥4,500.50": whole yuan without decimals, otherwise with both. */
export function formatWageRange(minFen: number, maxFen: number, language: 'zh' | 'en'): string {
  const yuan = (fen: number) =>
    new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
      style: 'currency',
      currency: 'CNY',
      minimumFractionDigits: fen % 100 === 0 ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(fenToYuan(fen));
  return minFen === maxFen ? yuan(minFen) : `${yuan(minFen)} – ${yuan(maxFen)}`;
}

/** A new vacancy's starting values: a full-time market job, open from today for 30 days. */
export function emptyVacancyForm(today: string): VacancyFormValues {
  return {
    kind: 'market',
    occupationCode: '',
    title: '',
    description: '',
    skills: [],
    hours: 'full_time',
    physicalDemand: 'light',
    disabledSuitable: false,
    noExperience: false,
    validFrom: dayjs(today),
    validTo: dayjs(today).add(30, 'day'),
  };
}

export function vacancyToForm(vacancy: Vacancy): VacancyFormValues {
  return {
    kind: vacancy.kind,
    occupationCode: vacancy.occupationCode,
    title: vacancy.title,
    description: vacancy.description,
    skills: vacancy.skills,
    districtCode: vacancy.districtCode,
    streetCode: vacancy.streetCode,
    communityCode: vacancy.communityCode,
    hours: vacancy.hours,
    shiftNote: vacancy.shiftNote,
    physicalDemand: vacancy.physicalDemand,
    disabledSuitable: vacancy.disabledSuitable,
    noExperience: vacancy.noExperience,
    wageMinYuan: fenToYuan(vacancy.wageMinFen),
    wageMaxYuan: fenToYuan(vacancy.wageMaxFen),
    headcount: vacancy.headcount,
    validFrom: dayjs(vacancy.validFrom),
    validTo: dayjs(vacancy.validTo),
  };
}

/**
 * The body for POST and PATCH (the full record either way; empty optional texts become null so an edit can clear
 * them). Called only after the form validated, so the required values are present.
 */
export function formToVacancyBody(values: VacancyFormValues): VacancyBody {
  const text = (value: string | null | undefined) => value?.trim() || null;
  return {
    kind: values.kind,
    occupationCode: values.occupationCode.trim(),
    title: values.title.trim(),
    description: values.description.trim(),
    skills: [...new Set(values.skills.map((skill) => skill.trim()).filter(Boolean))],
    districtCode: values.districtCode!,
    streetCode: values.streetCode!,
    communityCode: values.communityCode || null,
    hours: values.hours,
    shiftNote: text(values.shiftNote),
    physicalDemand: values.physicalDemand,
    disabledSuitable: values.disabledSuitable,
    wageMinFen: yuanToFen(values.wageMinYuan!),
    wageMaxFen: yuanToFen(values.wageMaxYuan!),
    headcount: values.headcount!,
    noExperience: values.noExperience,
    validFrom: values.validFrom!.format(DATE_FORMAT),
    validTo: values.validTo!.format(DATE_FORMAT),
  };
}

/** The service names wage errors by its fen fields; the form shows them on its yuan fields. */
const FORM_FIELD_OF: Readonly<Record<string, string>> = {
  wageMinFen: 'wageMinYuan',
  wageMaxFen: 'wageMaxYuan',
};

export function formFieldOf(apiField: string): string {
  return FORM_FIELD_OF[apiField] ?? apiField;
}
