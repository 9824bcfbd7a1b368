import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/testing';
import { caseIntake, Platform, startPlatform } from './support/platform';

const CASES = 200;
const CONCURRENCY = 8;
/** Every fourth case also gets a referral proposed (→ `matching`); the rest stay `registered`. */
const proposes = (n: number) => n % 4 === 0;
/** The worker is killed once this many cases are open, and restarted at once (bundling takes seconds). */
const KILL_AFTER = 60;

// A crash of the workflow worker (kill -9, no draining) with cases in flight loses nothing and duplicates
// nothing: Temporal replays each case on the restarted worker, and the activities are idempotent per case.
describe('the workflow worker crashing with 200 cases in flight', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
  }, 180_000);
  afterAll(() => platform?.close(), 120_000);

  /** One call to the hotline API; network errors (e.g. a timed-out update) come back as status 0. */
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    try {
      const response = await fetch(`${platform.urls.hotline}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${platform.tokens.operator}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      return { status: response.status, text, body: text ? JSON.parse(text) : null };
    } catch (error) {
      return { status: 0, text: (error as Error).message, body: null };
    }
  };

  /** Retries while the answer is a 5xx or no answer (the worker being down); returns the first other answer. */
  const retrying = async (what: string, send: () => ReturnType<typeof call>) => {
    let last: Awaited<ReturnType<typeof call>> | undefined;
    try {
      await eventually(
        what,
        async () => {
          last = await send();
          return last.status > 0 && last.status < 500;
        },
        180_000,
      );
    } catch (error) {
      throw new Error(
        `${(error as Error).message}; last answer ${last?.status}: ${last?.text.slice(0, 300)}`,
      );
    }
    return last!;
  };

  /** Every case's state on the SLA board (the read model fed by hotline.case.v1: no load on the worker). */
  const boardStates = async (): Promise<Map<string, string>> => {
    const states = new Map<string, string>();
    for (let offset = 0; ; offset += 100) {
      const page = await call('GET', `/board?limit=100&offset=${offset}`);
      if (page.status !== 200) throw new Error(`GET /board answered ${page.status}: ${page.text}`);
      for (const item of page.body.items as Array<{ caseId: string; state: string }>)
        states.set(item.caseId, item.state);
      if (offset + 100 >= page.body.total) return states;
    }
  };

  const caseIds: string[] = new Array(CASES);
  const expected = (n: number) => (proposes(n) ? 'matching' : 'registered');

  it('reaches the expected state for every case, with one registration and no duplicate referral', async () => {
    const proposals = new Map<string, Promise<void>>();
    let opened = 0;
    let openedAtKill = -1;
    const firstPid = platform.worker.pid;

    const propose = async (caseId: string) => {
      const answer = await retrying(`proposing for ${caseId}`, () =>
        call('POST', `/cases/${caseId}/referrals`, { vacancyId: platform.demo.vacancyId }),
      );
      // A retried proposal whose first attempt did land is refused as already proposed: that is the point.
      if (answer.status >= 300 && !(answer.status === 409 && /already proposed/.test(answer.text)))
        throw new Error(`proposal for ${caseId} answered ${answer.status}: ${answer.text}`);
    };

    const crash = (async () => {
      await eventually('enough cases are open', () => opened >= KILL_AFTER, 120_000);
      openedAtKill = opened;
      await platform.worker.kill('SIGKILL');
      await platform.worker.start();
    })();

    // The operator proposes as soon as the board shows a case registered (the workflow refuses before), so
    // proposals are in flight when the worker dies, and others wait for the restarted worker.
    const proposer = eventually(
      'every fourth case registered and proposed',
      async () => {
        const states = await boardStates();
        caseIds.forEach((caseId, n) => {
          if (proposes(n) && !proposals.has(caseId) && states.get(caseId) === 'registered') {
            const proposal = propose(caseId);
            proposal.catch(() => undefined); // awaited (and reported) below; not an unhandled rejection
            proposals.set(caseId, proposal);
          }
        });
        return proposals.size === CASES / 4;
      },
      240_000,
    );

    // Awaited below, after the cases are open; until then a failure must not count as unhandled.
    crash.catch(() => undefined);
    proposer.catch(() => undefined);

    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CASES) {
          const n = next++;
          const key = `crash-${n}-${randomUUID()}`;
          const answer = await retrying(`opening case ${n}`, () =>
            call('POST', '/cases', caseIntake(n), { 'idempotency-key': key }),
          );
          if (answer.status !== 201 && answer.status !== 200)
            throw new Error(`opening case ${n} answered ${answer.status}: ${answer.text}`);
          caseIds[n] = answer.body.caseId;
          opened++;
        }
      }),
    );
    await crash;
    await proposer;
    await Promise.all(proposals.values());
    expect(openedAtKill).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(openedAtKill).toBeLessThan(CASES);
    expect(platform.worker.pid).not.toBe(firstPid);
    expect(new Set(caseIds).size).toBe(CASES);

    // Every case in its expected state, as its workflow reports it (rounds of GETs, 8 at a time, so the
    // queries do not starve the restarted worker).
    let wrong: string[] = [];
    await eventually(
      'every case reaches its expected state',
      async () => {
        const states: string[] = [];
        for (let from = 0; from < CASES; from += CONCURRENCY) {
          const answers = await Promise.all(
            caseIds.slice(from, from + CONCURRENCY).map((caseId) => call('GET', `/cases/${caseId}`)),
          );
          states.push(...answers.map((answer) => answer.body?.state ?? `HTTP ${answer.status}`));
        }
        wrong = states.flatMap((state, n) => (state === expected(n) ? [] : [`${n}:${state}`]));
        return wrong.length === 0;
      },
      120_000,
    ).catch((error) => {
      throw new Error(`${(error as Error).message}; not yet: ${wrong.slice(0, 20).join(', ')}`);
    });

    // People: one person and exactly one registration service record per case.
    const people = platform.people.dataSource;
    const registrations: Array<{ person_id: string; n: number }> = await people.query(
      `SELECT person_id, count(*)::int AS n FROM "${platform.people.schema}".service_records
        WHERE kind = 'registration' GROUP BY person_id`,
    );
    expect(registrations).toHaveLength(CASES);
    expect(registrations.filter((row) => row.n !== 1)).toEqual([]);
    const [{ persons }] = await people.query(
      `SELECT count(*)::int AS persons FROM "${platform.people.schema}".persons`,
    );
    expect(persons).toBe(CASES);

    // Jobs: one referral per (case, vacancy), for exactly the cases that proposed one.
    const referrals: Array<{ case_id: string; n: number }> = await platform.jobs.dataSource.query(
      `SELECT case_id, count(*)::int AS n FROM "${platform.jobs.schema}".referrals GROUP BY case_id, vacancy_id`,
    );
    expect(referrals.filter((row) => row.n !== 1)).toEqual([]);
    expect(referrals.map((row) => row.case_id).sort()).toEqual(caseIds.filter((_, n) => proposes(n)).sort());
  }, 420_000);

  // The referral's `proposed` event can come back through Kafka (→ signal) before the proposing update has
  // resumed; the case must still record the proposal (service record, case event) exactly once.
  it('records one job-referral service record per proposal', async () => {
    const referralRecords: Array<{ n: number }> = await platform.people.dataSource.query(
      `SELECT count(*)::int AS n FROM "${platform.people.schema}".service_records
        WHERE kind = 'job-referral' GROUP BY person_id`,
    );
    expect(referralRecords.filter((row) => row.n !== 1)).toEqual([]);
    expect(referralRecords).toHaveLength(CASES / 4);
  });

  it('shows every case in the same state on the SLA board', async () => {
    expect(caseIds.filter(Boolean)).toHaveLength(CASES);
    let wrong: string[] = [];
    await eventually(
      'the board shows every case in its expected state',
      async () => {
        const states = await boardStates();
        wrong = caseIds.flatMap((caseId, n) =>
          states.get(caseId) === expected(n) ? [] : [`${n}:${states.get(caseId)}`],
        );
        return wrong.length === 0;
      },
      60_000,
    ).catch(async (error) => {
      // What the hotline published for the first case the board disagrees on, and what the board holds.
      const caseId = caseIds[Number(wrong[0].split(':')[0])];
      const schema = platform.hotline.schema;
      const events = await platform.hotline.dataSource.query(
        `SELECT event->>'type' AS type, event->'data'->'snapshot'->>'seq' AS seq,
                event->'data'->'snapshot'->>'state' AS state, published_at IS NOT NULL AS published
           FROM "${schema}".outbox WHERE message_key = $1 ORDER BY seq`,
        [caseId],
      );
      const board = await platform.hotline.dataSource.query(
        `SELECT last_seq, state, last_event_type FROM "${schema}".case_board WHERE case_id = $1`,
        [caseId],
      );
      throw new Error(
        `${(error as Error).message}; not yet: ${wrong.slice(0, 20).join(', ')}; ` +
          `case ${caseId}: outbox ${JSON.stringify(events)}, board ${JSON.stringify(board)}`,
      );
    });
  }, 120_000);
});
