import { randomBytes, randomUUID } from 'node:crypto';
import { Connection, Client as TemporalClient, WorkflowNotFoundError } from '@temporalio/client';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createServiceDataSource, migrateUnderLock } from '@platform/database';
import { temporalAddress, testDatabaseUrl } from '@platform/testing';
import { hotlineMigrations } from '../../apps/hotline/src/data-source'; // eslint-disable-line @nx/enforce-module-boundaries
import { jobsMigrations } from '../../apps/jobs/src/data-source'; // eslint-disable-line @nx/enforce-module-boundaries
import { peopleMigrations } from '../../apps/people/src/data-source'; // eslint-disable-line @nx/enforce-module-boundaries
// eslint-disable-next-line @nx/enforce-module-boundaries -- the drill is a script, not a project
import {
  countDuplicates,
  duplicatesSince,
  DrillSchemas,
  findLostCases,
  recoverySeconds,
  totalDuplicates,
} from '../../scripts/drill/accounting';

// The fault drill's counters (scripts/drill) on the services' real, migrated schemas and the real Temporal: a
// planted duplicate and a planted lost case must be counted, or the drill's zeros would prove nothing.
describe('the fault drill counts what it must', () => {
  const schemas = {} as DrillSchemas;
  const migrators: DataSource[] = [];
  let db: Pool;
  let connection: Connection;
  let temporal: TemporalClient;

  beforeAll(async () => {
    const suffix = randomBytes(4).toString('hex');
    const migrations = { hotline: hotlineMigrations, people: peopleMigrations, jobs: jobsMigrations };
    for (const [service, list] of Object.entries(migrations) as Array<[keyof DrillSchemas, never[]]>) {
      schemas[service] = `drill_${service}_${suffix}`;
      const migrator = createServiceDataSource({
        url: testDatabaseUrl(),
        schema: schemas[service],
        entities: [],
        migrations: list,
        applicationName: `test-migrate:${schemas[service]}`,
        poolSize: 2,
      });
      migrators.push(migrator);
      await migrateUnderLock(migrator);
    }
    db = new Pool({ connectionString: testDatabaseUrl(), max: 2 });
    connection = await Connection.connect({ address: temporalAddress() });
    temporal = new TemporalClient({ connection });
  }, 180_000);

  afterAll(async () => {
    for (const [index, migrator] of migrators.entries()) {
      await migrator.query(`DROP SCHEMA "${Object.values(schemas)[index]}" CASCADE`);
      await migrator.destroy();
    }
    await db?.end();
    await connection?.close();
  });

  const workflowExists = async (caseId: string) => {
    try {
      await temporal.workflow.getHandle(caseId).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  };

  /** A person in the people schema (fictional, ciphertext-shaped values) for the rows that need one. */
  async function plantPerson(): Promise<string> {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "${schemas.people}".persons
         (name, id_number_enc, id_number_bidx, id_number_masked, phone_enc, phone_bidx, phone_masked, gender,
          birth_date, hukou_type, hukou_place, community_code, org_path, created_by, circumstances_enc)
       VALUES ('演练', 'k1:x', $1, '510***********0011', 'k1:y', $2, '138****0011', 'female', '1980-01-01',
               'urban', '四川省成都市武侯区', '510107003001', '510000/510100/510107/510107003/510107003001', 'drill',
               'v2:k1:z')
       RETURNING id`,
      [randomBytes(32), randomBytes(32)],
    );
    return rows[0].id;
  }

  async function plantVacancy(): Promise<{ vacancyId: string; employerId: string }> {
    const employerId = randomUUID();
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "${schemas.jobs}".vacancies
         (employer_id, kind, occupation_code, title, description, district_code, street_code, lat, lng, hours,
          physical_demand, wage_min_fen, wage_max_fen, headcount, valid_from, valid_to)
       VALUES ($1, 'market', '4-02-06-01', '理货员', '演练', '510107', '510107003', 30.63, 104.06, 'full_time',
               'light', 300000, 400000, 5, '2026-01-01', '2026-12-31')
       RETURNING id`,
      [employerId],
    );
    return { vacancyId: rows[0].id, employerId };
  }

  async function plantReferral(
    vacancy: { vacancyId: string; employerId: string },
    caseId: string,
    personId: string,
    status: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO "${schemas.jobs}".referrals
         (vacancy_id, employer_id, case_id, person_id, candidate, status, respond_within_hours, proposed_by, org_path)
       VALUES ($1, $2, $3, $4, '{"maskedPhone": "138****0011"}', $5, 48, 'operator.wuhou',
               '510000/510100/510107/510107003/510107003001')`,
      [vacancy.vacancyId, vacancy.employerId, caseId, personId, status],
    );
  }

  async function plantBoardRow(caseId: string, personId: string): Promise<void> {
    await db.query(
      `INSERT INTO "${schemas.hotline}".case_board
         (case_id, cycle, last_seq, state, owner, person_id, district_code, street_code, community_code, org_path,
          opened_at, provisional, breached, promise_waived, late_placement, last_event_type)
       VALUES ($1, 1, 2, 'registered', 'operator.wuhou', $2, '510107', '510107003', '510107003001',
               '510000/510100/510107/510107003/510107003001', now(), false, false, false, false,
               'hotline.case.registered')`,
      [caseId, personId],
    );
  }

  async function plantCase(caseId: string, started: boolean): Promise<void> {
    await db.query(
      `INSERT INTO "${schemas.hotline}".cases
         (id, idempotency_key, request_hash, opened_by, opened_by_user_id, org_path, district_code, street_code,
          community_code, intake_encrypted, workflow_started_at)
       VALUES ($1, $2, $3, 'operator.wuhou', $4, '510000/510100/510107/510107003/510107003001', '510107',
               '510107003', '510107003001', 'k1:intake', $5)`,
      [caseId, `drill-${caseId}`, randomBytes(32).toString('hex'), randomUUID(), started ? new Date() : null],
    );
  }

  it('counts a referral, a service record, an employment change and a case applied twice', async () => {
    const personId = await plantPerson();
    const vacancy = await plantVacancy();
    const caseId = randomUUID();
    const twinCaseId = randomUUID();
    await plantReferral(vacancy, caseId, personId, 'person_declined');
    await plantReferral(vacancy, randomUUID(), personId, 'expired');
    await plantBoardRow(caseId, personId);
    const before = await countDuplicates(db, schemas, [caseId]);
    expect(before).toEqual({ referrals: 0, serviceRecords: 0, employmentEvents: 0, casesPerPerson: 0 });

    // The same proposal of the same case to the same vacancy a second time (the first is no longer live).
    await plantReferral(vacancy, caseId, personId, 'proposed');
    const record = [personId, 'callback', 'operator.wuhou', 'phone', '2026-03-02T02:00:00Z', 'reached'];
    for (let copy = 0; copy < 2; copy++) {
      await db.query(
        `INSERT INTO "${schemas.people}".service_records (person_id, kind, staff_id, channel, occurred_at, outcome)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        record,
      );
      await db.query(
        `INSERT INTO "${schemas.people}".employment_events (person_id, kind, occurred_at, case_id)
         VALUES ($1, 'employed', '2026-03-02T02:00:00Z', $2)`,
        [personId, caseId],
      );
    }
    // The same intake taken twice: a second case registered the same person.
    await plantBoardRow(twinCaseId, personId);

    const after = await countDuplicates(db, schemas, [caseId]);
    expect(after).toEqual({ referrals: 1, serviceRecords: 1, employmentEvents: 1, casesPerPerson: 1 });
    expect(totalDuplicates(duplicatesSince(before, after))).toBe(4);
    // Without the drill's intakes, a person's several cases are not the drill's business.
    expect((await countDuplicates(db, schemas)).casesPerPerson).toBe(0);
  });

  it('finds an acknowledged case without a row, without a started workflow, or unknown to Temporal', async () => {
    const whole = randomUUID();
    const notInTemporal = randomUUID();
    const neverStarted = randomUUID();
    const noRow = randomUUID();
    await plantCase(whole, true);
    await plantCase(notInTemporal, true);
    await plantCase(neverStarted, false);
    // A workflow that exists (no worker needed for Temporal to know it).
    const handle = await temporal.workflow.start('drillAccountingProbe', {
      workflowId: whole,
      taskQueue: `drill-accounting-${randomUUID()}`,
      args: [],
    });
    try {
      const lost = await findLostCases(
        db,
        schemas.hotline,
        [whole, notInTemporal, neverStarted, noRow],
        workflowExists,
      );
      expect(lost.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([
        { caseId: noRow, reason: 'no case row' },
        { caseId: notInTemporal, reason: 'no workflow in Temporal' },
        { caseId: neverStarted, reason: 'workflow never started' },
      ]);
      expect(await findLostCases(db, schemas.hotline, [whole], workflowExists)).toEqual([]);
    } finally {
      await handle.terminate('drill accounting spec done');
    }
  });

  it('measures recovery from the fault to the first acknowledged intake after the last refused one', () => {
    const at = (seconds: number, ok: boolean) => ({ at: 1_000_000 + seconds * 1000, ok });
    const fault = 1_000_000;
    expect(recoverySeconds([at(-1, false), at(1, true), at(2, true)], fault, fault + 10_000)).toEqual({
      seconds: 0,
      failed: 0,
    });
    expect(
      recoverySeconds([at(3.5, true), at(1, false), at(2, true), at(3, false)], fault, fault + 10_000),
    ).toEqual({ seconds: 3.5, failed: 2 });
    expect(recoverySeconds([at(1, true), at(2, false)], fault, fault + 10_000)).toEqual({
      seconds: null,
      failed: 1,
    });
  });
});
