import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';
import { outboxTablesDown, outboxTablesUp } from '@platform/outbox';

export class OutboxTables1763800000000 implements MigrationInterface {
  name = 'OutboxTables1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of outboxTablesUp(migrationSchema(queryRunner))) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of outboxTablesDown(migrationSchema(queryRunner)))
      await queryRunner.query(statement);
  }
}
