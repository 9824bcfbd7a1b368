import { DataSource, DataSourceOptions, QueryRunner } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export interface ServiceDataSourceOptions {
  /** Postgres URL of the service's own role. */
  url: string;
  /** The service's schema: its tables and its migrations table live there and nowhere else. */
  schema: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  applicationName: string;
  poolSize?: number;
}

/** One DataSource per service: own schema, own migrations table, `synchronize` always off. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  assertSchemaName(options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // TypeORM's own logger prints a failing query with its parameters (the row's values) to the console;
    // errors reach the service's log through its redacting logger instead.
    logging: false,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    // Raw SQL resolves to the service's schema first; public holds extensions such as pg_trgm.
    extra: { options: `-c search_path=${options.schema},public -c timezone=UTC` },
  });
}

export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
}

/** The schema a migration runs in: the DataSource's, so tests can migrate a throwaway schema. */
export function migrationSchema(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as PostgresConnectionOptions).schema;
  if (!schema) throw new Error('The DataSource has no schema');
  assertSchemaName(schema);
  return schema;
}
