import 'reflect-metadata';
import { tracing } from './tracing'; // first: see tracing.ts
import { Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { caseLocalActivities, householdLocalActivities } from '@platform/case-events';
import { ConfigError } from '@platform/config';
import { createServiceDataSource } from '@platform/database';
import { startHttpService } from '@platform/nest-kit';
import {
  encryptedDataConverter,
  routeTemporalLogsThroughRedaction,
  temporalConnectionOptions,
  TemporalConnectionOptions,
  tracingWorkerOptions,
  workflowBundleOptions,
} from '@platform/temporal-kit';
import { loadWorkerConfig } from './config';
import { WorkerHealthModule } from './worker-health.module';

/**
 * Runs the workflows of the "hotline" task queue. Activities run in the services that own the data, except the
 * hotline's own steps this worker can do itself (it is part of the hotline): writing a case event into the
 * hotline's outbox, and a household episode's board row with its event, as local activities over the hotline's
 * database.
 */
async function main(): Promise<void> {
  const config = loadWorkerConfig();
  let dataConverter: ReturnType<typeof encryptedDataConverter>;
  let temporalOptions: TemporalConnectionOptions;
  try {
    dataConverter = encryptedDataConverter(config);
    temporalOptions = temporalConnectionOptions(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`worker: ${error.message}\n`);
    process.exit(78); // EX_CONFIG, as for every other configuration error
  }
  routeTemporalLogsThroughRedaction();
  let nativeConnection: NativeConnection;
  let connection: Connection;
  try {
    nativeConnection = await NativeConnection.connect(temporalOptions);
    connection = await Connection.connect(temporalOptions);
  } catch (error) {
    process.stderr.write(
      `worker: cannot reach Temporal at TEMPORAL_ADDRESS=${config.TEMPORAL_ADDRESS}: ${(error as Error).message}\n`,
    );
    process.exit(1);
  }
  const hotlineDataSource: DataSource = createServiceDataSource({
    url: config.HOTLINE_DATABASE_URL,
    schema: config.HOTLINE_DB_SCHEMA,
    entities: [],
    migrations: [],
    applicationName: 'worker',
    poolSize: config.HOTLINE_DB_POOL_SIZE,
  });
  try {
    await hotlineDataSource.initialize();
  } catch (error) {
    // The URL carries the password: name the variable, never its value.
    process.stderr.write(
      `worker: cannot reach the hotline database (HOTLINE_DATABASE_URL): ${(error as Error).message}\n`,
    );
    process.exit(1);
  }
  const localActivities = {
    ...caseLocalActivities(hotlineDataSource),
    ...householdLocalActivities(hotlineDataSource),
  };
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.WORKER_TASK_QUEUE,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    dataConverter,
    // Only the workflows' local activities: remote ones go to the services' own queues.
    activities: localActivities,
    ...workflowBundleOptions(),
    // Workflow, signal and activity spans when tracing is on (the interceptors go into the bundle).
    ...tracingWorkerOptions(tracing),
  });
  const app = await startHttpService(
    WorkerHealthModule.forRoot({ logLevel: config.LOG_LEVEL, worker, connection, hotlineDataSource }),
    { serviceName: 'worker', title: 'Workflow worker (health only)', host: config.HOST, port: config.PORT },
  );
  // Worker.run resolves once a shutdown signal (SIGINT/SIGTERM) has drained in-flight tasks.
  await worker.run();
  await app.close();
  await connection.close();
  await nativeConnection.close();
  await hotlineDataSource.destroy();
  await tracing?.shutdown(); // exports the last spans
}

void main();
