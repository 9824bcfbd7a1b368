import { randomBytes } from 'node:crypto';
import { DynamicModule, INestApplication, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { HealthModule } from '@platform/nest-kit';
import { eventually, temporalAddress } from '@platform/testing';
import { ActivityWorkerHost } from './activity-worker-host';

@Injectable()
class ProbeActivityWorker extends ActivityWorkerHost {
  protected readonly taskQueue = `liveness-probe-${randomBytes(4).toString('hex')}`;

  constructor() {
    super({
      TEMPORAL_ADDRESS: temporalAddress(),
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
    });
  }

  protected activities() {
    return { ping: async () => 'pong' };
  }

  /** What a crash looks like from outside: the worker ends while the application is not shutting down. */
  stopWorkerBehindTheAppsBack(): void {
    (this as unknown as { worker: Worker }).worker.shutdown();
  }
}

@Module({})
class ProbeApp {
  static forRoot(): DynamicModule {
    return {
      module: ProbeApp,
      imports: [HealthModule.register([ProbeActivityWorker])],
      providers: [ProbeActivityWorker],
    };
  }
}

/** Liveness of a service whose activity worker stopped (real Temporal dev server). */
describe('activity worker liveness (real Temporal)', () => {
  let app: INestApplication | undefined;

  async function start(): Promise<INestApplication> {
    const started = await NestFactory.create(ProbeApp.forRoot(), { logger: false });
    await started.init();
    return started;
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('fails liveness (503) once the worker stopped outside shutdown, so the process is restarted', async () => {
    const running = await start();
    app = running;
    const http = () => request(running.getHttpServer());
    await http().get('/health/live').expect(200, { status: 'ok' });
    await http().get('/health/ready').expect(200);

    running.get(ProbeActivityWorker).stopWorkerBehindTheAppsBack();

    await eventually('liveness fails', async () => (await http().get('/health/live')).status === 503);
    const live = await http().get('/health/live').expect(503);
    expect(live.body).toEqual({
      status: 'not alive',
      checks: { 'temporal-activity-worker': { status: 'down', reason: expect.stringMatching(/stopped/) } },
    });
    await http().get('/health/ready').expect(503);
  });

  it('stays alive through a normal shutdown', async () => {
    const closing = await start();
    const host = closing.get(ProbeActivityWorker);
    await closing.close();
    expect(() => host.alive()).not.toThrow();
  });
});
