import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { TestServiceApp } from '@platform/service-testing';
import { encryptedDataConverter, workflowBundleOptions } from '@platform/temporal-kit';
import { temporalAddress } from '@platform/testing';
import { EmployersConfig } from '../config';
import { AssistanceBasesService } from '../assistance-bases/assistance-bases.service';
import { ReservationsService } from '../reservations/reservations.service';
import { WHOLE_CITY } from '../shared/area-scope';
import { WelfarePoolsService } from '../welfare-pools/welfare-pools.service';
import { startEmployers, testUscc, userAs } from '../testing/employers-test-app';
import { EmployersService } from '../employers/employers.service';
import { createEmployersActivities } from './employers.activities';

describe('employers activities (real Postgres, Kafka and Temporal dev server)', () => {
  let service: TestServiceApp<EmployersConfig>;
  let poolId: string;
  let baseId: string;

  beforeAll(async () => {
    service = await startEmployers();
    const employer = await service.app.get(EmployersService).create(
      {
        uscc: testUscc(21),
        name: '成都市政服务有限公司',
        industry: '市政',
        districtCode: '510104',
        streetCode: '510104001',
        addressDetail: '锦江区 1 号',
        contacts: [],
      },
      userAs('admin'),
      'corr',
    );
    const pools = service.app.get(WelfarePoolsService);
    const bases = service.app.get(AssistanceBasesService);
    poolId = (
      await pools.create(
        {
          districtCode: '510104',
          postType: '城市管理协管员',
          period: '2026-12',
          fundedSlots: 1,
          priorityReserve: 1,
        },
        'supervisor',
        WHOLE_CITY,
      )
    ).id;
    baseId = (
      await bases.create(
        {
          employerId: employer.id,
          designatedFrom: '2026-01-01',
          designatedTo: '2026-12-31',
          acceptedCategories: ['older_urban'],
          capacities: [{ period: '2026-12', capacity: 1 }],
        },
        'supervisor',
        WHOLE_CITY,
      )
    ).id;
  });
  afterAll(() => service?.close());

  it('refuses bad input and a full pool as non-retryable failures when called directly', async () => {
    const activities = createEmployersActivities({ reservations: service.app.get(ReservationsService) });
    const common = { actor: { username: 'w' }, correlationId: 'c', caseId: 'case-direct', personId: 'p1' };
    await expect(
      activities.reserveWelfareSlot({ ...common, poolId, categories: [], holdMinutes: 0 }),
    ).rejects.toMatchObject({ type: 'Problem400', nonRetryable: true });
    // The whole pool is the priority reserve: a person with no assistance category gets nothing.
    await expect(activities.reserveWelfareSlot({ ...common, poolId, categories: [] })).rejects.toMatchObject({
      type: 'Problem409',
      nonRetryable: true,
    });
  });

  it('serves a workflow through the real Temporal dev server on its own task queue', async () => {
    const connection = await Connection.connect({ address: temporalAddress() });
    const workerConnection = await NativeConnection.connect({ address: temporalAddress() });
    const workflowQueue = `employers-activities-wf-${randomUUID()}`;
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue: workflowQueue,
      dataConverter: encryptedDataConverter(service.config),
      ...workflowBundleOptions(join(__dirname, 'testing/escalation-round-trip.workflow.ts')),
    });
    try {
      const result = await worker.runUntil(
        new Client({ connection, dataConverter: encryptedDataConverter(service.config) }).workflow.execute(
          'escalationRoundTrip',
          {
            workflowId: `employers-activities-${randomUUID()}`,
            taskQueue: workflowQueue,
            args: [
              {
                taskQueue: service.config.EMPLOYERS_TASK_QUEUE,
                caseId: 'case-wf',
                poolId,
                baseId,
                period: '2026-12',
              },
            ],
          },
        ),
      );
      expect(result).toEqual({ slot: 'confirmed', base: 'held', released: 'released' });
      const [pool] = await service.dataSource.query(
        `SELECT taken FROM "${service.schema}".welfare_pools WHERE id = $1`,
        [poolId],
      );
      expect(pool.taken).toBe(1);
    } finally {
      await workerConnection.close();
      await connection.close();
    }
  }, 120_000);
});
