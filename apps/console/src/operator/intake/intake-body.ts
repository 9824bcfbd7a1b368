// The intake form's values and the POST /cases body built from them (field names follow the body, so a
// 400's field errors land on the right inputs).
import type {
  CaseIntake,
  JobHours,
  PersonCircumstances,
  PersonIntake,
  PhysicalDemand,
  PovertyStatus,
  SetCaseLocation,
  UnemploymentStatus,
} from '@platform/contracts';
import { beijingWallClockToIso } from '../format';
import { yuanToFen } from '../../shared/format';

export const JOB_HOURS: readonly JobHours[] = ['full_time', 'part_time', 'shift', 'flexible'];
export const PHYSICAL_DEMANDS: readonly PhysicalDemand[] = ['light', 'moderate', 'heavy'];
// The contract's value lists (the console imports types only from @platform/contracts); the type checker
// fails here when the contract gains or loses a value.
export const UNEMPLOYMENT_STATUSES = Object.keys({
  registered: true,
  employed: true,
  deregistered: true,
} satisfies Record<UnemploymentStatus, true>) as UnemploymentStatus[];
export const POVERTY_STATUSES = Object.keys({
  none: true,
  relieved: true,
  edge: true,
} satisfies Record<PovertyStatus, true>) as PovertyStatus[];
/** As PersonIntakeLimits: the hotline checks the same again. */
export const CERTIFICATE_NO = /^[0-9A-Za-z]{6,30}$/;
export const MONTHS_MAX = 1200;

export interface IntakeFormValues {
  person: {
    name: string;
    idNumber: string;
    phone: string;
    hukouType: 'urban' | 'rural';
    hukouPlace: string;
    /** Empty until the operator picks one; the form requires it. */
    communityCode?: string;
    residenceAddress?: string | null;
    /** `none`: no unemployment registration to record (the person's file keeps what it has). */
    unemployment: { status: UnemploymentStatus | 'none'; registeredOn?: string | null };
    /** Holds a disability certificate (then its number is asked for). */
    disabled: boolean;
    disabilityCertificateNo?: string | null;
    circumstances: CircumstanceAnswers;
  };
  wants: string;
  acceptsAnyJob: boolean;
  skills: string[];
  constraints: {
    hours: JobHours[];
    maxDistanceKm?: number | null;
    maxPhysicalDemand?: PhysicalDemand | null;
    needsDisabledSuitable: boolean;
    minWageYuan?: number | null;
  };
  /**
   * Where the person can work from (matching measures from its community's centre): a community, by default
   * the caller's own, and the address as said. Saved on the case right after it opens (PUT /cases/{id}/location).
   */
  workFrom: { communityCode?: string | null; address?: string | null };
}

/** The circumstances as the form asks them: yes/no questions, each with its details. */
export interface CircumstanceAnswers {
  minimumLivingAllowance: boolean;
  singleParentOfMinor: boolean;
  graduate: boolean;
  landExpropriated: boolean;
  povertyStatus: PovertyStatus;
  returningMigrant: boolean;
  returningMigrantInsuredMonths?: number | null;
  /** Hukou outside the city: then months of residence and of insurance here decide eligibility. */
  nonLocalHukou: boolean;
  residentMonths?: number | null;
  insuredMonths?: number | null;
}

export const NO_CIRCUMSTANCES: CircumstanceAnswers = {
  minimumLivingAllowance: false,
  singleParentOfMinor: false,
  graduate: false,
  landExpropriated: false,
  povertyStatus: 'none',
  returningMigrant: false,
  returningMigrantInsuredMonths: null,
  nonLocalHukou: false,
  residentMonths: null,
  insuredMonths: null,
};

/** POST /cases: what the caller told the operator, and when the call came in if it is keyed in later. */
export type OpenCaseBody = CaseIntake & { receivedAt?: string };

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * The body for POST /cases. `receivedAtWallClock` is the Beijing wall-clock time ("yyyy-mm-dd HH:mm") of a
 * call keyed in later, or null for a call taken now. Optional values left empty are not sent.
 */
export function toOpenCaseBody(values: IntakeFormValues, receivedAtWallClock: string | null): OpenCaseBody {
  const { person, constraints } = values;
  const residenceAddress = person.residenceAddress?.trim();
  const skills = [...new Set(values.skills.map((skill) => skill.trim()).filter(Boolean))];
  return {
    person: {
      name: person.name.trim(),
      idNumber: person.idNumber.trim().toUpperCase(),
      phone: person.phone.trim(),
      hukouType: person.hukouType,
      hukouPlace: person.hukouPlace.trim(),
      communityCode: person.communityCode ?? '',
      ...(residenceAddress ? { residenceAddress } : {}),
      ...hardshipOf(person),
    },
    wants: values.wants.trim(),
    acceptsAnyJob: values.acceptsAnyJob,
    skills,
    constraints: {
      ...(constraints.hours.length ? { hours: constraints.hours } : {}),
      ...(present(constraints.maxDistanceKm) ? { maxDistanceKm: constraints.maxDistanceKm } : {}),
      ...(present(constraints.maxPhysicalDemand) ? { maxPhysicalDemand: constraints.maxPhysicalDemand } : {}),
      ...(constraints.needsDisabledSuitable ? { needsDisabledSuitable: true } : {}),
      ...(present(constraints.minWageYuan) ? { minWageFen: yuanToFen(constraints.minWageYuan) } : {}),
    },
    ...(receivedAtWallClock ? { receivedAt: beijingWallClockToIso(receivedAtWallClock) } : {}),
  };
}

/**
 * The body for PUT /cases/{id}/location, or null when the person works from the caller's own community and no
 * address was given (the hotline then matches from that community's centre anyway).
 */
export function toWorkFromBody(values: IntakeFormValues): SetCaseLocation | null {
  const address = values.workFrom.address?.trim();
  const communityCode = values.workFrom.communityCode || values.person.communityCode;
  if (!communityCode) return null;
  if (!address && communityCode === values.person.communityCode) return null;
  return { communityCode, ...(address ? { address } : {}) };
}

/**
 * What makes the caller a hardship case, as the body carries it: only what the operator answered. Nothing
 * answered sends nothing, so a person already on file keeps their registration and circumstances.
 */
function hardshipOf(
  person: IntakeFormValues['person'],
): Pick<PersonIntake, 'unemployment' | 'disabilityCertificateNo' | 'circumstances'> {
  const { unemployment } = person;
  const certificate = person.disabled ? person.disabilityCertificateNo?.trim().toUpperCase() : undefined;
  const circumstances = circumstancesOf(person.circumstances);
  return {
    ...(unemployment.status !== 'none' && unemployment.registeredOn
      ? { unemployment: { status: unemployment.status, registeredOn: unemployment.registeredOn } }
      : {}),
    ...(certificate ? { disabilityCertificateNo: certificate } : {}),
    ...(Object.keys(circumstances).length ? { circumstances } : {}),
  };
}

function circumstancesOf(answers: CircumstanceAnswers): PersonCircumstances {
  const yes = (flag: boolean) => (flag ? true : undefined);
  const months = (asked: boolean, value: number | null | undefined) =>
    asked && present(value) ? value : undefined;
  const all: PersonCircumstances = {
    minimumLivingAllowance: yes(answers.minimumLivingAllowance),
    singleParentOfMinor: yes(answers.singleParentOfMinor),
    graduate: yes(answers.graduate),
    landExpropriated: yes(answers.landExpropriated),
    povertyStatus: answers.povertyStatus === 'none' ? undefined : answers.povertyStatus,
    returningMigrantInsuredMonths: months(answers.returningMigrant, answers.returningMigrantInsuredMonths),
    localHukou: answers.nonLocalHukou ? false : undefined,
    residentMonths: months(answers.nonLocalHukou, answers.residentMonths),
    insuredMonths: months(answers.nonLocalHukou, answers.insuredMonths),
  };
  return Object.fromEntries(
    Object.entries(all).filter(([, value]) => value !== undefined),
  ) as PersonCircumstances;
}

/** Whole months from a yyyy-mm-dd date to another (the duration of an unemployment registration). */
export function monthsSince(from: string, to: string): number {
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  return Math.max(0, to.slice(8) < from.slice(8) ? months - 1 : months);
}
