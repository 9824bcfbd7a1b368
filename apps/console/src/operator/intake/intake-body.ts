// The intake form's values and the POST /cases body built from them (field names follow the body, so a
// 400's field errors land on the right inputs).
import type { CaseIntake, JobHours, PhysicalDemand } from '@platform/contracts';
import { beijingWallClockToIso } from '../format';
import { yuanToFen } from '../../shared/format';

export const JOB_HOURS: readonly JobHours[] = ['full_time', 'part_time', 'shift', 'flexible'];
export const PHYSICAL_DEMANDS: readonly PhysicalDemand[] = ['light', 'moderate', 'heavy'];

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
  location: { lat?: number | null; lng?: number | null };
}

/** POST /cases: what the caller told the operator, and when the call came in if it is keyed in later. */
export type OpenCaseBody = CaseIntake & { receivedAt?: string };

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * The body for POST /cases. `receivedAtWallClock` is the Beijing wall-clock time ("yyyy-mm-dd HH:mm") of a
 * call keyed in later, or null for a call taken now. Optional values left empty are not sent.
 */
export function toOpenCaseBody(values: IntakeFormValues, receivedAtWallClock: string | null): OpenCaseBody {
  const { person, constraints, location } = values;
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
    ...(present(location.lat) && present(location.lng)
      ? { location: { lat: location.lat, lng: location.lng } }
      : {}),
    ...(receivedAtWallClock ? { receivedAt: beijingWallClockToIso(receivedAtWallClock) } : {}),
  };
}
