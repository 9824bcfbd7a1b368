import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { idCheckChar } from '@platform/pii';

/** 玉林北路社区 (Wuhou, 玉林街道): inside operator.wuhou's street. */
export const YULIN_COMMUNITY = '510107003001';
/** 和平街社区 (Jinjiang): outside operator.wuhou's street. */
export const JINJIANG_COMMUNITY = '510104003001';

/** A valid (check character included) ID number born in 1990, different on every call. */
export function validIdNumber(): string {
  const first17 = `510107199001${String(randomInt(10, 29))}${String(randomInt(100, 999))}`;
  return first17 + idCheckChar(first17);
}

export function validPhone(): string {
  return `139${String(randomInt(0, 99_999_999)).padStart(8, '0')}`;
}

export function idempotencyKey(): string {
  return `call-${randomBytes(8).toString('hex')}`;
}

/** A complete intake body for POST /cases; `overrides` replace top-level fields. */
export function intakeBody(overrides: Record<string, unknown> = {}, person: Record<string, unknown> = {}) {
  return {
    person: {
      name: '测试求助人',
      idNumber: validIdNumber(),
      phone: validPhone(),
      hukouType: 'urban',
      hukouPlace: '四川省成都市武侯区',
      communityCode: YULIN_COMMUNITY,
      ...person,
    },
    wants: '保洁或仓库理货，白班',
    acceptsAnyJob: true,
    skills: ['保洁', '理货'],
    constraints: {
      hours: ['full_time'],
      maxDistanceKm: 10,
      maxPhysicalDemand: 'moderate',
      minWageFen: 300000,
    },
    location: { lat: 30.64, lng: 104.05 },
    ...overrides,
  };
}

/** A started case row (no intake kept), as `POST /cases` leaves it: for specs that feed case events directly. */
export async function insertStartedCase(
  dataSource: DataSource,
  schema: string,
  c: { caseId: string; orgPath: string; districtCode: string; streetCode: string; communityCode: string },
): Promise<void> {
  await dataSource.query(
    `INSERT INTO "${schema}".cases (id, idempotency_key, request_hash, opened_by, opened_by_user_id, org_path,
       district_code, street_code, community_code, workflow_started_at)
     VALUES ($1, $2, $3, 'operator.wuhou', $4, $5, $6, $7, $8, now()) ON CONFLICT (id) DO NOTHING`,
    [
      c.caseId,
      `fixture-${c.caseId}`,
      '0'.repeat(64),
      randomUUID(),
      c.orgPath,
      c.districtCode,
      c.streetCode,
      c.communityCode,
    ],
  );
}
