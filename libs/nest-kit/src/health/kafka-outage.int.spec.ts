import { randomUUID } from 'node:crypto';
import { Controller, DynamicModule, Global, HttpCode, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Topics } from '@platform/contracts';
import { enqueueEvent, OutboxModule, outboxParkingUp, outboxTablesUp } from '@platform/outbox';
import { createTestSchema, freePort } from '@platform/testing';
import { HealthModule } from './readiness';
import { KafkaReadiness, PostgresReadiness } from './standard-checks';

/**
 * A service whose Kafka cannot be reached: it starts, stays ready (Kafka is reported as degraded) and takes
 * requests, whose events wait in the outbox. Real Postgres; the broker address is a closed local port. (The
 * services' session-revocation feed is left out here: it needs Kafka by design, docs/operations.md.)
 */
describe('a service while Kafka is down (real Postgres, unreachable broker)', () => {
  let testSchema: Awaited<ReturnType<typeof createTestSchema>>;
  let app: INestApplication;

  @Controller('intake')
  class IntakeController {
    constructor(private readonly dataSource: DataSource) {}

    /** As every service's writes do: the change and its event in one transaction, the event in the outbox. */
    @Post()
    @HttpCode(201)
    async take(): Promise<{ id: string }> {
      const event = await this.dataSource.transaction((manager) =>
        enqueueEvent(manager, testSchema.schema, Topics.platformProbe, {
          type: 'platform.probe.sent',
          source: 'kafka-outage-spec',
          subject: randomUUID(),
          correlationId: randomUUID(),
          data: {},
        }),
      );
      return { id: event.id };
    }
  }

  @Global()
  @Module({})
  class DatabaseModule {
    static of(dataSource: DataSource): DynamicModule {
      return {
        module: DatabaseModule,
        providers: [{ provide: DataSource, useValue: dataSource }],
        exports: [DataSource],
      };
    }
  }

  @Module({})
  class OutageApp {
    static forRoot(dataSource: DataSource, brokers: string): DynamicModule {
      return {
        module: OutageApp,
        imports: [
          DatabaseModule.of(dataSource),
          OutboxModule.register({
            clientId: 'kafka-outage-spec',
            brokers,
            schema: testSchema.schema,
            topics: [Topics.platformProbe],
          }),
          HealthModule.register([PostgresReadiness, KafkaReadiness]),
        ],
        controllers: [IntakeController],
        providers: [PostgresReadiness, KafkaReadiness],
      };
    }
  }

  beforeAll(async () => {
    testSchema = await createTestSchema('kafka_outage');
    for (const statement of [...outboxTablesUp(testSchema.schema), ...outboxParkingUp(testSchema.schema)])
      await testSchema.dataSource.query(statement);
    // Nothing listens there: every connection is refused, as when the brokers are down.
    const closedPort = await freePort();
    const started = Date.now();
    app = await NestFactory.create(OutageApp.forRoot(testSchema.dataSource, `127.0.0.1:${closedPort}`), {
      logger: false,
    });
    await app.init();
    // It does not wait out the Kafka client's minute of connection retries.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  afterAll(async () => {
    await app?.close();
    await testSchema?.drop();
  });

  it('answers ready, with Kafka reported as degraded', async () => {
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.checks.postgres).toEqual({ status: 'up' });
    expect(ready.body.checks.kafka).toMatchObject({ status: 'degraded', reason: expect.any(String) });
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('takes a request and keeps its event in the outbox until Kafka is back', async () => {
    const response = await request(app.getHttpServer()).post('/intake').expect(201);
    const [row] = await testSchema.dataSource.query(
      `SELECT published_at FROM "${testSchema.schema}".outbox WHERE id = $1`,
      [response.body.id],
    );
    expect(row).toEqual({ published_at: null });
  });
});
