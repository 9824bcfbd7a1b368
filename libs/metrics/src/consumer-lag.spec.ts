import type { Admin } from 'kafkajs';
import { ConsumerLagReader } from './consumer-lag';

const ends = [
  { partition: 0, offset: '10', high: '10', low: '0' },
  { partition: 1, offset: '7', high: '7', low: '2' },
];

function fakeAdmin(committed: Array<{ partition: number; offset: string }>) {
  const fetchTopicOffsets = jest.fn(async () => ends);
  const fetchOffsets = jest.fn(async ({ topics }: { topics: string[] }) =>
    topics.map((topic) => ({ topic, partitions: committed })),
  );
  return { admin: { fetchTopicOffsets, fetchOffsets } as unknown as Admin, fetchTopicOffsets };
}

const groups = () => [{ groupId: 'hotline.case-board', topics: ['hotline.case.v1'] }];

describe('ConsumerLagReader', () => {
  it('sums end offset minus committed offset over partitions; an uncommitted partition counts from its start', async () => {
    const { admin } = fakeAdmin([
      { partition: 0, offset: '4' },
      { partition: 1, offset: '-1' },
    ]);
    const reader = new ConsumerLagReader({ admin: async () => admin, dropAdmin: async () => {}, groups });
    await expect(reader.read()).resolves.toEqual({
      ok: true,
      lags: [{ groupId: 'hotline.case-board', topic: 'hotline.case.v1', lag: 6 + 5 }],
    });
  });

  it('asks Kafka at most once per cache period', async () => {
    const { admin, fetchTopicOffsets } = fakeAdmin([{ partition: 0, offset: '10' }]);
    let now = 1_000;
    const reader = new ConsumerLagReader({
      admin: async () => admin,
      dropAdmin: async () => {},
      groups,
      cacheMs: 5_000,
      now: () => now,
    });
    await reader.read();
    now += 4_999;
    await reader.read();
    expect(fetchTopicOffsets).toHaveBeenCalledTimes(1);
    now += 1;
    await reader.read();
    expect(fetchTopicOffsets).toHaveBeenCalledTimes(2);
  });

  it('answers within its timeout when Kafka hangs, with the last known lag, and drops the connection', async () => {
    const { admin } = fakeAdmin([{ partition: 0, offset: '8' }]);
    let hang = false;
    const dropAdmin = jest.fn(async () => {});
    let now = 0;
    const reader = new ConsumerLagReader({
      admin: () => (hang ? new Promise<Admin>(() => undefined) : Promise.resolve(admin)),
      dropAdmin,
      groups,
      cacheMs: 1,
      timeoutMs: 100,
      now: () => now,
    });
    const good = await reader.read();
    hang = true;
    now += 10;
    const started = Date.now();
    const late = await reader.read();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(late).toEqual({ ok: false, lags: good.lags });
    expect(late.lags[0].lag).toBe(2 + 5);
    expect(dropAdmin).toHaveBeenCalledTimes(1);
  });
});
