import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';
import { outboxTablesDown, outboxTablesUp } from './outbox-schema';

/**
 * The first migration of every service: its outbox and inbox tables, in the service's own schema
 * (each service lists this class in its migrations; each schema has its own migrations table).
 */
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
