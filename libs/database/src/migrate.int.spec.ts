import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { databaseName, testDatabaseUrl, withDatabaseName } from '@platform/testing';
import { migrateUnderLock } from './migrate';
import { createServiceDataSource, migrationSchema } from './service-data-source';

// Slow on purpose, so the second runner really has to wait for the first one's lock.
class CreateThings1700000000001 implements MigrationInterface {
  name = 'CreateThings1700000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(1)');
    await queryRunner.query(`CREATE TABLE "${migrationSchema(queryRunner)}".things (id int PRIMARY KEY)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}".things`);
  }
}

class AddThingName1700000000002 implements MigrationInterface {
  name = 'AddThingName1700000000002';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "${migrationSchema(queryRunner)}".things ADD COLUMN name text`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "${migrationSchema(queryRunner)}".things DROP COLUMN name`);
  }
}

describe('migrations under an advisory lock (real Postgres)', () => {
  const emptyDatabase = `hotline962110_test_migrate_${randomBytes(3).toString('hex')}`;
  const adminUrl = testDatabaseUrl();
  const url = withDatabaseName(adminUrl, emptyDatabase);

  beforeAll(async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${emptyDatabase}"`);
    await admin.end();
  });

  afterAll(async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${emptyDatabase}" WITH (FORCE)`);
    await admin.end();
  });

  const dataSource = () =>
    createServiceDataSource({
      url,
      schema: 'svc',
      entities: [],
      migrations: [CreateThings1700000000001, AddThingName1700000000002],
      applicationName: 'migrate-test',
      poolSize: 2,
    });

  it('runs on an empty database once; a concurrent second run waits and does nothing', async () => {
    expect(databaseName(url)).toContain('test');
    const [first, second] = await Promise.all([
      migrateUnderLock(dataSource()),
      migrateUnderLock(dataSource()),
    ]);
    const runs = [first, second].sort((a, b) => b.executed.length - a.executed.length);
    expect(runs[0].executed).toEqual(['CreateThings1700000000001', 'AddThingName1700000000002']);
    expect(runs[1].executed).toEqual([]);
    expect(runs[1].waitedForLockMs).toBeGreaterThanOrEqual(900);

    const check = new Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'svc' AND table_name = 'things' ORDER BY 1`,
    );
    const { rows: applied } = await check.query('SELECT name FROM svc.migrations ORDER BY id');
    await check.end();
    expect(rows.map((row) => row.column_name)).toEqual(['id', 'name']);
    expect(applied.map((row) => row.name)).toEqual([
      'CreateThings1700000000001',
      'AddThingName1700000000002',
    ]);
  });
});
