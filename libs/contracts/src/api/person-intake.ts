/**
 * A person as the hotline's intake takes them down: contact and residence, plus what assistance categories
 * depend on (the unemployment registration, declared circumstances, a disability certificate). One definition
 * for the hotline's `POST /cases`, the people service's registration activity and the console's intake form;
 * each side's validator implements these types and takes its limits from here. Personal data throughout.
 */
export const HukouTypes = ['urban', 'rural'] as const;
export type HukouType = (typeof HukouTypes)[number];

/** As the people service registers them: registered unemployed, found work, or registration cancelled. */
export const UnemploymentStatuses = ['registered', 'employed', 'deregistered'] as const;
export type UnemploymentStatus = (typeof UnemploymentStatuses)[number];

/** 脱贫人口 (relieved) and 防返贫监测对象 (edge); `none` otherwise. */
export const PovertyStatuses = ['none', 'relieved', 'edge'] as const;
export type PovertyStatus = (typeof PovertyStatuses)[number];

export const PersonIntakeLimits = {
  nameMax: 50,
  hukouPlaceMax: 200,
  residenceAddressMax: 200,
  /** 残疾人证号: letters and digits (the 20-character national number, or an older local one). */
  disabilityCertificateNo: /^[0-9A-Za-z]{6,30}$/,
  /** Months of residence or insurance, as declared. */
  monthsMax: 1200,
} as const;

/** The unemployment registration (失业登记). */
export interface PersonUnemployment {
  /** yyyy-mm-dd, not in the future. */
  registeredOn: string;
  status: UnemploymentStatus;
}

/** What the person declares (checked by staff later, not by the platform); absent means "no" / "not said". */
export interface PersonCircumstances {
  /** False for a caller without local hukou: then residence and insurance of ≥ 6 months make them eligible. */
  localHukou?: boolean;
  residentMonths?: number;
  insuredMonths?: number;
  /** 享受城乡居民最低生活保障 (低保). */
  minimumLivingAllowance?: boolean;
  /** 单亲家庭，抚养未成年子女. */
  singleParentOfMinor?: boolean;
  povertyStatus?: PovertyStatus;
  /** 返乡农民工: months insured while working away. */
  returningMigrantInsuredMonths?: number;
  /** 被征地农民. */
  landExpropriated?: boolean;
  /** 高校毕业生. */
  graduate?: boolean;
}

export interface PersonIntake {
  name: string;
  idNumber: string;
  phone: string;
  hukouType: HukouType;
  hukouPlace: string;
  /** 12 digits, a community of the org tree. */
  communityCode: string;
  residenceAddress?: string;
  /** 残疾人证号: having one on file is what the `disabled` category checks. */
  disabilityCertificateNo?: string;
  unemployment?: PersonUnemployment;
  circumstances?: PersonCircumstances;
}
