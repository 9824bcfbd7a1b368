import { randomBytes } from 'node:crypto';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, DataSourceOptions } from 'typeorm';
import { z } from 'zod';
import { loadConfig } from '@platform/config';
import { createServiceDataSource, migrateUnderLock } from '@platform/database';
import { configureHttpApp } from '@platform/nest-kit';
import { kafkaBrokers, kafkaTopicEnv, testDatabaseUrl } from '@platform/testing';
import { testSigningKeys } from './test-tokens';

/** 32 bytes, base64: the Temporal payload key of test processes. */
export const TEST_TEMPORAL_PAYLOAD_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestServiceApp<C> {
  app: INestApplication;
  config: C;
  schema: string;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/**
 * Starts a service's real Nest application on a fresh, migrated schema of the test database, with real
 * Kafka; `close()` stops it and drops the schema. It verifies tokens with this file's test key
 * (`signTestToken`); the hotline's test app adds the private key.
 */
export async function startTestService<S extends z.ZodRawShape>(options: {
  service: string;
  configShape: S;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  module: (config: z.infer<z.ZodObject<S>>) => DynamicModule;
  env?: Record<string, string>;
}): Promise<TestServiceApp<z.infer<z.ZodObject<S>>>> {
  const schema = `${options.service}_it_${randomBytes(4).toString('hex')}`;
  const url = testDatabaseUrl();
  const migrator = createServiceDataSource({
    url,
    schema,
    entities: [],
    migrations: options.migrations,
    applicationName: `test-migrate:${schema}`,
    poolSize: 2,
  });
  await migrateUnderLock(migrator);
  const config = loadConfig(options.configShape, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: url,
    DB_SCHEMA: schema,
    KAFKA_BROKERS: kafkaBrokers(),
    ...kafkaTopicEnv(),
    JWT_PUBLIC_KEY: testSigningKeys().publicKey,
    ...(process.env.TEMPORAL_ADDRESS ? { TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS } : {}),
    TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY,
    ...options.env,
  });
  const app = await NestFactory.create(options.module(config), { logger: false, bufferLogs: true });
  configureHttpApp(app, { title: `${options.service} (test)`, trustProxy: config.TRUST_PROXY });
  await app.init();
  return {
    app,
    config,
    schema,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await migrator.query(`DROP SCHEMA "${schema}" CASCADE`);
      await migrator.destroy();
    },
  };
}
