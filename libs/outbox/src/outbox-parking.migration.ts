import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';
import { outboxParkingDown, outboxParkingUp } from './outbox-schema';

/**
 * Every service's outbox gets `parked_at` (rows Kafka refuses for good, left for an operator) and the indexes
 * for parking and pruning; each service lists this class after its own latest migration.
 */
export class OutboxParking1766000000000 implements MigrationInterface {
  name = 'OutboxParking1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of outboxParkingUp(migrationSchema(queryRunner))) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of outboxParkingDown(migrationSchema(queryRunner)))
      await queryRunner.query(statement);
  }
}
