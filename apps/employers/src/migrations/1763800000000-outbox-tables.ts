import { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTablesDown, outboxTablesUp } from '@platform/outbox';

export class OutboxTables1763800000000 implements MigrationInterface {
  name = 'OutboxTables1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of outboxTablesUp('employers')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of outboxTablesDown('employers')) await queryRunner.query(statement);
  }
}
