import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually } from '@platform/testing';
import {
  as,
  caseIntake,
  caseReader,
  Platform,
  shanghaiDay,
  startPlatform,
  YULIN_COMMUNITY,
} from './support/platform';

interface HouseholdBody {
  zeroEmployment: boolean;
  members: Array<{ personId: string; unemploymentStatus: string }>;
  episode: {
    episodeId: string;
    status: string;
    dueDate: string;
    resolution: string | null;
  } | null;
}

// The second promise end to end: two unemployed members of one urban household, registered through their calls
// → people finds the household at zero employment → the hotline opens its episode with a 20-day clock → one
// member is placed through the case API → the household leaves the status and the episode is resolved.
describe('a zero-employment household end to end on the real platform', () => {
  let platform: Platform;
  const hotline = () => request(platform.urls.hotline);
  const people = () => request(platform.urls.people);
  const jobs = () => request(platform.urls.jobs);
  let caseUntil: ReturnType<typeof caseReader>['caseUntil'];

  beforeAll(async () => {
    platform = await startPlatform();
    ({ caseUntil } = caseReader(platform));
  }, 180_000);
  afterAll(() => platform?.close(), 60_000);

  const openRegisteredCase = async (n: number) => {
    const opened = await hotline()
      .post('/cases')
      .set(as(platform.tokens.operator))
      .set('Idempotency-Key', `e2e-household-${randomUUID()}`)
      .send(caseIntake(n))
      .expect(201);
    const caseId: string = opened.body.caseId;
    const registered = await caseUntil(
      caseId,
      'the member registered',
      (body) => body.state === 'registered',
    );
    return { caseId, personId: registered.view!.personId! };
  };

  it('detects the household, opens its episode, and resolves it when one member is placed', async () => {
    const { operator, employer } = platform.tokens;
    const [first, second] = [await openRegisteredCase(7101), await openRegisteredCase(7102)];

    // The operator records the household and its two members (people re-evaluates it at each change).
    const created = await people()
      .post('/households')
      .set(as(operator))
      .send({ hukouType: 'urban', communityCode: YULIN_COMMUNITY })
      .expect(201);
    const householdId: string = created.body.id;
    for (const [member, relation] of [
      [first, 'head'],
      [second, 'spouse'],
    ] as const) {
      await people()
        .post(`/households/${householdId}/members`)
        .set(as(operator))
        .send({ personId: member.personId, relation })
        .expect((response) => expect([200, 201]).toContain(response.status));
    }

    const household = async () =>
      (await people().get(`/households/${householdId}`).set(as(operator)).expect(200)).body as HouseholdBody;
    let body: HouseholdBody | undefined;
    await eventually(
      'the household at zero employment with its episode open',
      async () => {
        body = await household();
        return body.zeroEmployment && body.episode?.status === 'open';
      },
      60_000,
    );
    const episodeId = body!.episode!.episodeId;
    expect(episodeId).toBe(`household-${householdId}-1`);
    // Day 0 is the day it was found (today in Shanghai), due 20 calendar days later.
    const [y, m, d] = shanghaiDay().split('-').map(Number);
    expect(body!.episode!.dueDate).toBe(new Date(Date.UTC(y, m - 1, d + 20)).toISOString().slice(0, 10));

    // Both members' open cases joined the episode; the tracking card says so in words.
    await eventually(
      'both cases linked to the episode',
      async () => {
        const episode = await hotline().get(`/household-episodes/${episodeId}`).set(as(operator));
        return episode.status === 200 && episode.body.view.memberCases.length === 2;
      },
      60_000,
    );

    // One member is placed through the case API (proposal, both sides accept, the employer confirms the start).
    await hotline()
      .post(`/cases/${first.caseId}/referrals`)
      .set(as(operator))
      .send({ vacancyId: platform.demo.vacancyId })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const listed = await jobs()
      .get('/referrals')
      .query({ caseId: first.caseId })
      .set(as(operator))
      .expect(200);
    const referralId: string = listed.body.items[0].id;
    await jobs().post(`/employer/referrals/${referralId}/accept`).set(as(employer)).expect(200);
    await caseUntil(first.caseId, 'the employer acceptance reached the case', (c) =>
      (c.view?.referrals ?? []).some((r) => r.referralId === referralId && r.status === 'employer_accepted'),
    );
    await hotline()
      .post(`/cases/${first.caseId}/referrals/${referralId}/person-answer`)
      .set(as(operator))
      .send({ answer: 'accepted' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    await jobs()
      .post(`/employer/referrals/${referralId}/start`)
      .set(as(employer))
      .send({ startedOn: shanghaiDay() })
      .expect(200);
    await caseUntil(first.caseId, 'the member placed', (c) => c.state === 'placed');

    // The placement marks the member employed → the household leaves the status → the episode is resolved.
    await eventually(
      'the household out of zero employment, its episode resolved',
      async () => {
        body = await household();
        return !body.zeroEmployment && body.episode?.status === 'resolved';
      },
      90_000,
    );
    expect(body!.episode).toMatchObject({ episodeId, resolution: 'member-employed' });
    expect(body!.members.find((m) => m.personId === first.personId)?.unemploymentStatus).toBe('employed');

    const detail = (await hotline().get(`/household-episodes/${episodeId}`).set(as(operator)).expect(200))
      .body;
    const kinds = (detail.card as Array<{ kind: string }>).map((entry) => entry.kind);
    expect(kinds).toEqual(expect.arrayContaining(['found', 'case-linked', 'member-employed', 'left-status']));
    expect(detail.view.clock.metAt).toEqual(expect.any(String));
    expect(detail.view.followUps.map((f: { month: number }) => f.month)).toEqual([1, 3, 6]);
  });
});
