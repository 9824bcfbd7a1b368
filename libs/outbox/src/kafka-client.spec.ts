import type { Admin, ITopicMetadata, LogEntry } from 'kafkajs';
import {
  createKafka,
  ensureTopics,
  fetchSettledTopicOffsets,
  setKafkaLogCreator,
  topicSettingsOf,
} from './kafka-client';

/** A Kafka protocol error as kafkajs raises it: only `type` is read. */
function protocolError(type: string): Error {
  return Object.assign(new Error(`broker says ${type}`), { type });
}

function metadata(leader: number): { topics: ITopicMetadata[] } {
  return {
    topics: [
      {
        name: 'hotline.case',
        partitions: [0, 1, 2].map((partitionId) => ({
          partitionErrorCode: 0,
          partitionId,
          leader: partitionId === 2 ? leader : 1,
          replicas: [1],
          isr: [1],
        })),
      },
    ],
  };
}

function fakeAdmin(existing: string[], answers: Array<Error | { topics: ITopicMetadata[] }>) {
  const fetchTopicMetadata = jest.fn(async () => {
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const createTopics = jest.fn(async () => true);
  const admin = { listTopics: jest.fn(async () => existing), createTopics, fetchTopicMetadata };
  return { admin: admin as unknown as Admin, createTopics, fetchTopicMetadata };
}

describe('ensureTopics waits until a new topic has a leader for every partition', () => {
  it('rides out the "unknown topic" a KRaft broker answers right after the create', async () => {
    const { admin, createTopics, fetchTopicMetadata } = fakeAdmin(
      [],
      [
        protocolError('UNKNOWN_TOPIC_OR_PARTITION'),
        protocolError('LEADER_NOT_AVAILABLE'),
        metadata(-1),
        metadata(1),
      ],
    );

    await ensureTopics(admin, ['hotline.case']);

    expect(createTopics).toHaveBeenCalledWith(
      expect.objectContaining({
        waitForLeaders: false,
        topics: [
          {
            topic: 'hotline.case',
            numPartitions: 3,
            replicationFactor: 1,
            configEntries: [{ name: 'min.insync.replicas', value: '1' }],
          },
        ],
      }),
    );
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(4);
  });

  it('also waits for a topic another process has just created', async () => {
    const { admin, createTopics, fetchTopicMetadata } = fakeAdmin(
      ['hotline.case'],
      [protocolError('UNKNOWN_TOPIC_OR_PARTITION'), metadata(1)],
    );

    await ensureTopics(admin, ['hotline.case']);

    expect(createTopics).not.toHaveBeenCalled();
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(2);
  });

  it('passes on any other error at once', async () => {
    const { admin, fetchTopicMetadata } = fakeAdmin([], [protocolError('TOPIC_AUTHORIZATION_FAILED')]);

    await expect(ensureTopics(admin, ['hotline.case'])).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(1);
  });

  it('gives up after its timeout, naming what it waited for', async () => {
    const { admin } = fakeAdmin(
      [],
      Array.from({ length: 50 }, () => metadata(-1)),
    );

    await expect(ensureTopics(admin, ['hotline.case'], { leaderTimeoutMs: 250 })).rejects.toThrow(
      /not ready after 250 ms: leaders of hotline\.case/,
    );
  });
});

describe('ensureTopics creates topics with the configured replication', () => {
  it('passes the replication factor and min.insync.replicas, then any further configs', async () => {
    const { admin, createTopics } = fakeAdmin(['hotline.case'], [metadata(1)]);

    await ensureTopics(admin, ['hotline.case', 'jobs.referral.v1'], {
      replicationFactor: 3,
      minInsyncReplicas: 2,
      configEntries: [{ name: 'retention.ms', value: '86400000' }],
    });

    expect(createTopics).toHaveBeenCalledWith(
      expect.objectContaining({
        topics: [
          {
            topic: 'jobs.referral.v1',
            numPartitions: 3,
            replicationFactor: 3,
            configEntries: [
              { name: 'min.insync.replicas', value: '2' },
              { name: 'retention.ms', value: '86400000' },
            ],
          },
        ],
      }),
    );
  });

  it('remembers the settings a client was created with; one replica without any', () => {
    const cluster = createKafka('spec', '127.0.0.1:1,127.0.0.1:2,127.0.0.1:3', {
      replicationFactor: 3,
      minInsyncReplicas: 2,
    });
    expect(topicSettingsOf(cluster)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(topicSettingsOf(createKafka('spec', '127.0.0.1:1'))).toEqual({
      replicationFactor: 1,
      minInsyncReplicas: 1,
    });
  });
});

describe('fetchSettledTopicOffsets', () => {
  const offsets = [{ partition: 0, offset: '5', high: '5', low: '0' }];
  const adminAnswering = (answers: Array<Error | typeof offsets>) => {
    const fetchTopicOffsets = jest.fn(async () => {
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    });
    return { admin: { fetchTopicOffsets } as unknown as Admin, fetchTopicOffsets };
  };

  it('waits out "not the leader" while a new topic’s leader starts serving it', async () => {
    const { admin, fetchTopicOffsets } = adminAnswering([
      protocolError('NOT_LEADER_FOR_PARTITION'),
      protocolError('LEADER_NOT_AVAILABLE'),
      offsets,
    ]);
    await expect(fetchSettledTopicOffsets(admin, 'hotline.session.v1')).resolves.toEqual(offsets);
    expect(fetchTopicOffsets).toHaveBeenCalledTimes(3);
  });

  it('throws any other error at once', async () => {
    const { admin, fetchTopicOffsets } = adminAnswering([
      protocolError('TOPIC_AUTHORIZATION_FAILED'),
      offsets,
    ]);
    await expect(fetchSettledTopicOffsets(admin, 'hotline.session.v1')).rejects.toThrow(
      /TOPIC_AUTHORIZATION_FAILED/,
    );
    expect(fetchTopicOffsets).toHaveBeenCalledTimes(1);
  });

  it('gives up after its timeout', async () => {
    const { admin } = adminAnswering(
      Array.from({ length: 50 }, () => protocolError('NOT_LEADER_FOR_PARTITION')),
    );
    await expect(fetchSettledTopicOffsets(admin, 'hotline.session.v1', 300)).rejects.toThrow(/NOT_LEADER/);
  });
});

describe('setKafkaLogCreator', () => {
  it('sends the log lines of the clients created afterwards to the given creator', () => {
    const lines: LogEntry[] = [];
    setKafkaLogCreator(() => (entry) => lines.push(entry));
    createKafka('log-test', '127.0.0.1:1').logger().error('broker unreachable', { retryCount: 3 });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 1,
        log: expect.objectContaining({ message: 'broker unreachable', retryCount: 3 }),
      }),
    ]);
  });
});
