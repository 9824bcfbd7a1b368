import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * An optional idempotency key on service records (e.g. `<caseId>:<cycle>:callback`): a retried activity finds
 * the record it already wrote instead of writing a second one. Records made by hand carry none.
 */
export class ServiceRecordRequestId1764100000002 implements MigrationInterface {
  name = 'ServiceRecordRequestId1764100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".service_records ADD COLUMN request_id text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX service_records_request_id_key ON "${s}".service_records (request_id)
        WHERE request_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX "${s}".service_records_request_id_key`);
    await queryRunner.query(`ALTER TABLE "${s}".service_records DROP COLUMN request_id`);
  }
}
