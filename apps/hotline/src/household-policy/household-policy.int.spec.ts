import { DEFAULT_HOUSEHOLD_POLICY } from '@platform/contracts';
import { expectFieldProblem, usePolicyApiTestApp } from '../policy-history/testing/policy-api-test-app';
import { HouseholdPolicyService } from './household-policy.service';

const valid = {
  oneEmployedWithinDays: 30,
  doubleEmploymentWithinMonths: 2,
  warnDaysBefore: 7,
  followUpMonths: [1, 2, 6, 12],
  reason: '市人社局通知：零就业家庭帮扶期限调整为30天',
};

describe('household policy API (real Postgres)', () => {
  const api = usePolicyApiTestApp();
  const { http } = api;

  const current = async () =>
    (await http().get('/household-policy').set('authorization', `Bearer ${api.operator}`).expect(200)).body;

  it("starts with the contract's defaults, readable by operators; the history by supervisors alone", async () => {
    expect(await current()).toMatchObject({ ...DEFAULT_HOUSEHOLD_POLICY, updatedBy: 'system' });
    expect(await api.service.app.get(HouseholdPolicyService).inForce()).toEqual(DEFAULT_HOUSEHOLD_POLICY);
    await http().get('/household-policy').expect(401);
    await http().get('/household-policy/history').set('authorization', `Bearer ${api.operator}`).expect(403);
    const history = await http()
      .get('/household-policy/history')
      .set('authorization', `Bearer ${api.wuhouLead}`)
      .expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({
        version: DEFAULT_HOUSEHOLD_POLICY.version,
        policy: DEFAULT_HOUSEHOLD_POLICY,
        previousPolicy: null,
        changedBy: 'system',
      }),
    ]);
  });

  it('refuses a change by a district supervisor or an operator', async () => {
    await http()
      .put('/household-policy')
      .set('authorization', `Bearer ${api.wuhouLead}`)
      .send(valid)
      .expect(403);
    await http()
      .put('/household-policy')
      .set('authorization', `Bearer ${api.operator}`)
      .send(valid)
      .expect(403);
    await http().put('/household-policy').send(valid).expect(401);
    expect((await current()).version).toBe(DEFAULT_HOUSEHOLD_POLICY.version);
  });

  it.each([
    ['0 days', { oneEmployedWithinDays: 0 }, 'oneEmployedWithinDays', 'min'],
    ['61 days', { oneEmployedWithinDays: 61 }, 'oneEmployedWithinDays', 'max'],
    ['a fraction of a day', { oneEmployedWithinDays: 20.5 }, 'oneEmployedWithinDays', 'isInt'],
    [
      '0 months for double employment',
      { doubleEmploymentWithinMonths: 0 },
      'doubleEmploymentWithinMonths',
      'min',
    ],
    [
      '7 months for double employment',
      { doubleEmploymentWithinMonths: 7 },
      'doubleEmploymentWithinMonths',
      'max',
    ],
    ['a warning before day 0', { warnDaysBefore: -1 }, 'warnDaysBefore', 'min'],
    [
      'a warning as long as the period',
      { oneEmployedWithinDays: 10, warnDaysBefore: 10 },
      'warnDaysBefore',
      'lessThanOneEmployedWithinDays',
    ],
    ['no follow-ups', { followUpMonths: [] }, 'followUpMonths', 'arrayMinSize'],
    ['7 follow-ups', { followUpMonths: [1, 2, 3, 4, 5, 6, 7] }, 'followUpMonths', 'arrayMaxSize'],
    ['months not ascending', { followUpMonths: [3, 1] }, 'followUpMonths', 'ascending'],
    ['a repeated month', { followUpMonths: [1, 1] }, 'followUpMonths', 'ascending'],
    ['month 0', { followUpMonths: [0, 3] }, 'followUpMonths', 'min'],
    ['month 25', { followUpMonths: [1, 25] }, 'followUpMonths', 'max'],
    ['a month that is not a number', { followUpMonths: ['1'] }, 'followUpMonths', 'isInt'],
    ['no reason', { reason: undefined }, 'reason', 'isString'],
    ['a blank reason', { reason: '  ' }, 'reason', 'minLength'],
    ['an unknown field', { version: 'household-99' }, 'version', 'whitelistValidation'],
  ])('answers 400 naming the field and rule for %s, and changes nothing', async (_, change, field, rule) => {
    const response = await http()
      .put('/household-policy')
      .set('authorization', `Bearer ${api.admin}`)
      .send({ ...valid, ...change })
      .expect(400);
    expectFieldProblem(response, field, rule);
    expect((await current()).version).toBe(DEFAULT_HOUSEHOLD_POLICY.version);
  });

  it('refuses out-of-range values in the table itself, whatever the caller', async () => {
    const table = `"${api.service.schema}".household_policy`;
    for (const set of [
      'one_employed_within_days = 61',
      'double_employment_within_months = 0',
      'warn_days_before = one_employed_within_days',
      "follow_up_months = '{}'",
      "follow_up_months = '{1,25}'",
      "follow_up_months = '{1,NULL}'",
    ])
      await expect(api.service.dataSource.query(`UPDATE ${table} SET ${set} WHERE id = 1`)).rejects.toThrow(
        /check constraint/,
      );
  });

  it('lets the city supervisor change it as a new version with an audit row, then the admin', async () => {
    const changed = await http()
      .put('/household-policy')
      .set('authorization', `Bearer ${api.cityLead}`)
      .send(valid)
      .expect(200);
    const { reason: _reason, ...fields } = valid;
    expect(changed.body).toMatchObject({ version: 'household-2', ...fields, updatedBy: 'supervisor.city' });
    expect(await current()).toEqual(changed.body);
    expect(await api.service.app.get(HouseholdPolicyService).inForce()).toEqual({
      version: 'household-2',
      ...fields,
    });

    await http()
      .put('/household-policy')
      .set('authorization', `Bearer ${api.admin}`)
      .send({ ...valid, warnDaysBefore: 0, reason: 'pilot: no warning' })
      .expect(200);
    const history = await http()
      .get('/household-policy/history')
      .set('authorization', `Bearer ${api.cityLead}`)
      .expect(200);
    expect(history.body.map((c: { version: string }) => c.version)).toEqual([
      'household-3',
      'household-2',
      DEFAULT_HOUSEHOLD_POLICY.version,
    ]);
    expect(history.body[1]).toMatchObject({
      changedBy: 'supervisor.city',
      reason: valid.reason,
      policy: { version: 'household-2', ...fields },
      previousPolicy: DEFAULT_HOUSEHOLD_POLICY,
    });
    expect(history.body[0]).toMatchObject({
      changedBy: 'admin',
      reason: 'pilot: no warning',
      policy: { version: 'household-3', warnDaysBefore: 0 },
      previousPolicy: { version: 'household-2', warnDaysBefore: 7 },
    });
    expect((await current()).warnDaysBefore).toBe(0);
  });
});
