import { expectFieldProblem, usePolicyApiTestApp } from '../policy-history/testing/policy-api-test-app';

const valid = {
  refusal: {
    validReasonCodes: ['health', 'distance', 'wage-below-minimum', 'no-transport'],
    maxUnjustifiedRefusals: 3,
  },
  callbackAfterWorkingDays: 2,
  followUpMonths: [1, 2, 6, 12],
  promiseWorkingDays: 2,
  reason: '市人社局通知：增加拒绝理由“交通不便”',
};

describe('case policy API (real Postgres)', () => {
  const api = usePolicyApiTestApp();
  const { http } = api;

  const current = async () =>
    (await http().get('/case-policy').set('authorization', `Bearer ${api.operator}`).expect(200)).body;

  it('starts with the seeded defaults, readable by operators', async () => {
    expect(await current()).toMatchObject({
      version: 'policy-1',
      refusal: {
        version: 'policy-1',
        validReasonCodes: [
          'health',
          'distance',
          'wage-below-minimum',
          'hours-conflict',
          'unsafe-conditions',
          'caring-duties',
          'discrimination',
        ],
        maxUnjustifiedRefusals: 2,
      },
      callbackAfterWorkingDays: 1,
      followUpMonths: [1, 3, 6],
      promiseWorkingDays: 2,
      updatedBy: 'system',
    });
  });

  it('refuses a change by a district supervisor or an operator', async () => {
    await http().put('/case-policy').set('authorization', `Bearer ${api.wuhouLead}`).send(valid).expect(403);
    await http().put('/case-policy').set('authorization', `Bearer ${api.operator}`).send(valid).expect(403);
    expect((await current()).version).toBe('policy-1');
  });

  it.each([
    [
      'a code that is not kebab-case',
      { refusal: { ...valid.refusal, validReasonCodes: ['Health'] } },
      'refusal.validReasonCodes',
      'matches',
    ],
    [
      'no codes',
      { refusal: { ...valid.refusal, validReasonCodes: [] } },
      'refusal.validReasonCodes',
      'arrayMinSize',
    ],
    [
      '21 codes',
      { refusal: { ...valid.refusal, validReasonCodes: Array.from({ length: 21 }, (_, i) => `code-${i}`) } },
      'refusal.validReasonCodes',
      'arrayMaxSize',
    ],
    [
      '0 refusals',
      { refusal: { ...valid.refusal, maxUnjustifiedRefusals: 0 } },
      'refusal.maxUnjustifiedRefusals',
      'min',
    ],
    [
      '11 refusals',
      { refusal: { ...valid.refusal, maxUnjustifiedRefusals: 11 } },
      'refusal.maxUnjustifiedRefusals',
      'max',
    ],
    ['months not ascending', { followUpMonths: [3, 1] }, 'followUpMonths', 'ascending'],
    ['a repeated month', { followUpMonths: [1, 1] }, 'followUpMonths', 'ascending'],
    ['month 25', { followUpMonths: [1, 25] }, 'followUpMonths', 'max'],
    ['7 follow-ups', { followUpMonths: [1, 2, 3, 4, 5, 6, 7] }, 'followUpMonths', 'arrayMaxSize'],
    ['11 working days', { promiseWorkingDays: 11 }, 'promiseWorkingDays', 'max'],
    ['0 callback days', { callbackAfterWorkingDays: 0 }, 'callbackAfterWorkingDays', 'min'],
    ['no reason', { reason: undefined }, 'reason', 'isString'],
    ['an unknown field', { extra: true }, 'extra', 'whitelistValidation'],
  ])('answers 400 naming the field and rule for %s, and changes nothing', async (_, change, field, rule) => {
    const response = await http()
      .put('/case-policy')
      .set('authorization', `Bearer ${api.admin}`)
      .send({ ...valid, ...change })
      .expect(400);
    expectFieldProblem(response, field, rule);
    expect((await current()).version).toBe('policy-1');
  });

  it('lets the city supervisor change it as a new version with an audit row, then the admin', async () => {
    const changed = await http()
      .put('/case-policy')
      .set('authorization', `Bearer ${api.cityLead}`)
      .send(valid)
      .expect(200);
    expect(changed.body).toMatchObject({
      version: 'policy-2',
      refusal: { version: 'policy-2', ...valid.refusal },
      callbackAfterWorkingDays: 2,
      followUpMonths: [1, 2, 6, 12],
      promiseWorkingDays: 2,
      updatedBy: 'supervisor.city',
    });
    expect(await current()).toEqual(changed.body);

    await http()
      .put('/case-policy')
      .set('authorization', `Bearer ${api.admin}`)
      .send({ ...valid, promiseWorkingDays: 3, reason: 'pilot: 3 working days' })
      .expect(200);
    const history = await http()
      .get('/case-policy/history')
      .set('authorization', `Bearer ${api.cityLead}`)
      .expect(200);
    expect(history.body.map((c: { version: string }) => c.version)).toEqual([
      'policy-3',
      'policy-2',
      'policy-1',
    ]);
    expect(history.body[1]).toMatchObject({
      changedBy: 'supervisor.city',
      reason: valid.reason,
      policy: { refusal: { version: 'policy-2', maxUnjustifiedRefusals: 3 } },
      previousPolicy: {
        refusal: { version: 'policy-1', maxUnjustifiedRefusals: 2 },
        followUpMonths: [1, 3, 6],
      },
    });
    expect(history.body[0]).toMatchObject({ changedBy: 'admin', policy: { promiseWorkingDays: 3 } });
    expect((await current()).promiseWorkingDays).toBe(3);
  });
});
