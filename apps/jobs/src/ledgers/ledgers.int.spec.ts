import ExcelJS from 'exceljs';
import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { JobsConfig } from '../config';
import { startJobs, tokenAs } from '../testing/jobs-test-app';

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the six ledgers: employer vacancies (jobs, real Postgres)', () => {
  let service: TestServiceApp<JobsConfig>;
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const supervisor = tokenAs('supervisor', { username: 'sup-wuhou' });
  const operator = tokenAs('operator');
  const jinjiang = tokenAs('supervisor', { org: { code: '510104', path: '510100/510104' } });
  const june = { unit: '510107', month: '2026-06' };
  const employerA = '11111111-1111-4111-8111-111111111111';
  const employerB = '22222222-2222-4222-8222-222222222222';
  const q = (sql: string, params: unknown[] = []) =>
    service.dataSource.query(sql.replace(/§/g, `"${service.schema}"`), params);

  async function vacancy(v: {
    title: string;
    employer: string;
    district: string;
    street: string;
    created: string;
    from: string;
    to: string;
    status?: string;
    updated?: string;
    taken?: number;
  }): Promise<string> {
    const [row] = await q(
      `INSERT INTO §.vacancies (employer_id, kind, occupation_code, title, description, district_code, street_code,
         lat, lng, hours, physical_demand, wage_min_fen, wage_max_fen, headcount, taken, valid_from, valid_to, status,
         created_at, updated_at)
       VALUES ($1, 'market', '4-07-05-01', $2, '描述', $3, $4, 30.64, 104.04, 'full_time', 'light', 300000, 380000, 3,
         $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        v.employer,
        v.title,
        v.district,
        v.street,
        v.taken ?? 0,
        v.from,
        v.to,
        v.status ?? 'open',
        v.created,
        v.updated ?? v.created,
      ],
    );
    return row.id;
  }

  beforeAll(async () => {
    service = await startJobs();
    await q(
      `INSERT INTO §.employer_names (employer_id, name, version) VALUES ($1, '成都某餐饮有限公司', 1)`,
      [employerA],
    );
    const cook = await vacancy({
      title: '厨师',
      employer: employerA,
      district: '510107',
      street: '510107001',
      created: '2026-05-20T10:00:00+08:00',
      from: '2026-05-20',
      to: '2026-08-31',
      taken: 1,
    });
    await q(
      `INSERT INTO §.referrals (vacancy_id, employer_id, case_id, person_id, org_path, candidate, status,
         respond_within_hours, started_on, proposed_by)
       VALUES ($1, $2, 'case-1', 'person-1', '510100/510107', '{"maskedPhone":"138****0001"}', 'started', 24,
         '2026-06-10', 'op')`,
      [cook, employerA],
    );
    // No name received yet from the employers service.
    await vacancy({
      title: '保洁员',
      employer: employerB,
      district: '510107',
      street: '510107003',
      created: '2026-06-05T10:00:00+08:00',
      from: '2026-06-05',
      to: '2026-06-20',
    });
    // Another district; closed before June; posted in July: none in Wuhou's June.
    await vacancy({
      title: '锦江岗位',
      employer: employerA,
      district: '510104',
      street: '510104003',
      created: '2026-06-01T10:00:00+08:00',
      from: '2026-06-01',
      to: '2026-09-01',
    });
    await vacancy({
      title: '五月已关',
      employer: employerA,
      district: '510107',
      street: '510107001',
      created: '2026-04-01T10:00:00+08:00',
      from: '2026-04-01',
      to: '2026-05-31',
      status: 'closed',
      updated: '2026-05-25T10:00:00+08:00',
    });
    await vacancy({
      title: '七月新岗',
      employer: employerA,
      district: '510107',
      street: '510107001',
      created: '2026-07-02T10:00:00+08:00',
      from: '2026-07-02',
      to: '2026-09-01',
    });
  });
  afterAll(() => service?.close());

  const rows = (token = supervisor, query: Record<string, string> = june) =>
    http().get('/ledgers/vacancies').query(query).set(as(token));

  it('lists the vacancies open in the month in the unit, with employer names, places posted and filled', async () => {
    const page = (await rows().expect(200)).body;
    expect(page).toMatchObject({ state: 'open', total: 2 });
    expect(page.columns[0]).toEqual({ key: 'employer', zh: '用人单位', en: 'Employer' });
    expect(page.items).toEqual([
      expect.objectContaining({
        employer: '成都某餐饮有限公司',
        title: '厨师',
        postedOn: '2026-05-20',
        posted: 3,
        filledInMonth: 1,
        filledTotal: 1,
        openPlaces: 2,
        statusAtMonthEnd: '招聘中 Open',
      }),
      expect.objectContaining({
        employer: '（名称尚未同步）(name not received yet)',
        title: '保洁员',
        filledInMonth: 0,
        statusAtMonthEnd: '已结束 Ended',
      }),
    ]);
    const city = tokenAs('supervisor', { org: { code: '510100', path: '510100' } });
    expect((await rows(city, { unit: '510100', month: '2026-06' }).expect(200)).body.total).toBe(3);
    expect((await rows(supervisor, { unit: '510107', month: '2026-07' }).expect(200)).body.total).toBe(2);
    await rows(jinjiang).expect(403);
    await http().get('/ledgers/other').query(june).set(as(supervisor)).expect(400);
  });

  it('closes the month as a snapshot later changes do not alter; corrections stand beside it; exports both ways', async () => {
    await http().post('/ledgers/close').set(as(operator)).send(june).expect(403);
    const closed = (await http().post('/ledgers/close').set(as(supervisor)).send(june).expect(200)).body;
    expect(closed).toMatchObject({
      state: 'closed',
      closedBy: 'sup-wuhou',
      ledgers: [{ ledger: 'vacancies', count: 2 }],
    });
    await http().post('/ledgers/close').set(as(supervisor)).send(june).expect(409);
    await q(`UPDATE §.vacancies SET title = '厨师（改）' WHERE title = '厨师'`);
    const after = (await rows().expect(200)).body;
    expect(after.items.map((r: { title: string; rowNo: number }) => [r.rowNo, r.title])).toEqual([
      [1, '厨师'],
      [2, '保洁员'],
    ]);
    await expect(q(`UPDATE §.ledger_snapshot_rows SET row = '{}'`)).rejects.toThrow(/closed ledger month/);
    const corrected = (
      await http()
        .post('/ledgers/corrections')
        .set(as(supervisor))
        .send({
          ...june,
          ledger: 'vacancies',
          rowNo: 1,
          field: 'posted',
          newValue: '4',
          reason: '单位更正招用人数',
        })
        .expect(201)
    ).body;
    expect(corrected.corrections).toEqual([
      expect.objectContaining({
        rowNo: 1,
        field: 'posted',
        oldValue: '3',
        newValue: '4',
        correctedBy: 'sup-wuhou',
      }),
    ]);

    const csv = await http()
      .get('/ledgers/vacancies/export')
      .query({ ...june, format: 'csv' })
      .set(as(supervisor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFF行号 Row,用人单位 Employer,岗位名称 Job title')).toBe(true);
    expect(text).toContain('1,成都某餐饮有限公司,厨师,4-07-05-01');
    expect(text).toContain('合计 Total,2');

    const xlsx = await http()
      .get('/ledgers/vacancies/export')
      .query({ unit: '510107', month: '2026-07', format: 'xlsx' })
      .set(as(supervisor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('用人单位 Employer');
    expect([2, 3].map((r) => sheet.getRow(r).getCell(2).value).sort()).toEqual(['七月新岗', '厨师（改）']);
    expect(workbook.getWorksheet('汇总 Summary')!.getRow(4).getCell(2).value).toBe(
      '未关账：按实时数据生成 open: built from live data',
    );
  });
});
