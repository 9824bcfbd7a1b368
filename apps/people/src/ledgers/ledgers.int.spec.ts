import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { FixedClock } from '@platform/nest-kit';
import { TestServiceApp } from '@platform/service-testing';
import { retirementDate } from '../categories/retirement-age';
import { PeopleConfig } from '../config';
import {
  COMMUNITY_A,
  COMMUNITY_B,
  idNumber,
  JINJIANG_COMMUNITY,
  registration,
  startPeople,
  tokenFor,
} from '../testing/people-test-app';
import { parseCsv } from './social-insurance-import';
import { retirementDateSql } from './retirement-sql';

/** Reads a whole streamed answer as a Buffer (supertest's default parser would take the xlsx as text). */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the six ledgers: the people service’s five (real Postgres)', () => {
  let service: TestServiceApp<PeopleConfig>;
  // July 2026: June has ended and may be closed; July has not.
  const clock = new FixedClock(new Date('2026-07-10T10:00:00+08:00'));
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const operator = tokenFor(['operator']);
  const cityOperator = tokenFor(['operator'], '510100', 'op-city');
  const supervisor = tokenFor(['supervisor'], '510100/510107', 'sup-wuhou');
  const jinjiangSupervisor = tokenFor(['supervisor'], '510100/510104', 'sup-jinjiang');
  const june = { unit: '510107', month: '2026-06' };
  const ids: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) =>
    service.dataSource.query(sql.replace(/§/g, `"${service.schema}"`), params);

  async function register(key: string, overrides: Record<string, unknown>): Promise<string> {
    const res = await http().post('/persons').set(as(cityOperator)).send(registration(overrides));
    if (res.status !== 201) throw new Error(`registration refused: ${JSON.stringify(res.body)}`);
    ids[key] = res.body.person.id;
    return res.body.person.id;
  }

  beforeAll(async () => {
    service = await startPeople({}, clock);
    // Registered unemployed since January, still out of work.
    await register('zhang', { name: '张一', idNumber: idNumber('19800101', 21), communityCode: COMMUNITY_A });
    // Registered in June, in work from 20 June (an employment event of that day).
    await register('wang', {
      name: '王二',
      idNumber: idNumber('19900202', 31),
      communityCode: COMMUNITY_B,
      unemployment: { registeredOn: '2026-06-10', status: 'registered' },
    });
    await q(`UPDATE §.persons SET unemployment_status = 'employed' WHERE id = $1`, [ids.wang]);
    await q(`INSERT INTO §.employment_events (person_id, kind, occurred_at) VALUES ($1, 'employed', $2)`, [
      ids.wang,
      '2026-06-20T09:00:00+08:00',
    ]);
    // Employed since May: not in June's registered-unemployed ledger.
    await register('li', {
      name: '李三',
      idNumber: idNumber('19850303', 41),
      unemployment: { registeredOn: '2026-02-01', status: 'registered' },
    });
    await q(`UPDATE §.persons SET unemployment_status = 'employed' WHERE id = $1`, [ids.li]);
    await q(`INSERT INTO §.employment_events (person_id, kind, occurred_at) VALUES ($1, 'employed', $2)`, [
      ids.li,
      '2026-05-03T09:00:00+08:00',
    ]);
    // Past the statutory age (a man born in March 1960 retired in March 2020).
    await register('zhao', { name: '赵四', idNumber: idNumber('19600315', 51), unemployment: undefined });
    // Another district: in no Wuhou ledger.
    await register('jin', {
      name: '金五',
      idNumber: idNumber('19820505', 61),
      communityCode: JINJIANG_COMMUNITY,
    });
    // Who sought work when: Zhang and Zhao registered before June; a service record of Zhang's in June.
    await q(`UPDATE §.persons SET created_at = '2026-01-05T10:00:00+08:00' WHERE id = ANY($1)`, [
      [ids.zhang, ids.li, ids.zhao, ids.jin],
    ]);
    await q(`UPDATE §.persons SET created_at = '2026-06-10T10:00:00+08:00' WHERE id = $1`, [ids.wang]);
    await q(
      `INSERT INTO §.service_records (person_id, kind, staff_id, channel, occurred_at, outcome)
       VALUES ($1, 'job-referral', 'op', 'phone', '2026-06-12T10:00:00+08:00', '推荐岗位'),
              ($1, 'callback', 'op', 'phone', '2026-06-15T10:00:00+08:00', '回访'),
              ($2, 'callback', 'op', 'phone', '2026-05-15T10:00:00+08:00', '五月回访')`,
      [ids.zhang, ids.zhao],
    );
    // Training: Zhang on a June course, passed with a certificate on 28 June.
    const [provider] = await q(
      `INSERT INTO §.training_providers (name, org_path, created_by, created_at, updated_at)
       VALUES ('武侯职业培训学校', '510100/510107', 'sup', now(), now()) RETURNING id`,
    );
    const [course] = await q(
      `INSERT INTO §.training_courses (provider_id, title, occupation, level, starts_on, ends_on, capacity,
         free_for_hardship, org_path, created_by, created_at, updated_at)
       VALUES ($1, '中式烹调师（初级）', '中式烹调师', 'primary', '2026-06-01', '2026-06-26', 30, true,
         '510100/510107', 'sup', now(), now()) RETURNING id`,
      [provider.id],
    );
    await q(
      `INSERT INTO §.training_enrolments (course_id, person_id, status, free_place, referred_at, referred_by,
         enrolled_at, completed_at, passed, certificate_no, updated_at)
       VALUES ($1, $2, 'completed', true, '2026-05-25T10:00:00+08:00', 'op', '2026-06-01T09:00:00+08:00',
         '2026-06-28T17:00:00+08:00', true, 'CERT-2026-001', now())`,
      [course.id, ids.zhang],
    );
  });
  afterAll(() => service?.close());

  const month = (token = supervisor, query: Record<string, string> = june) =>
    http().get('/ledgers').query(query).set(as(token));
  const rows = (ledger: string, token = supervisor, query: Record<string, string> = june) =>
    http().get(`/ledgers/${ledger}`).query(query).set(as(token));
  const names = (body: { items: Array<{ name: string }> }) => body.items.map((r) => r.name).sort();

  it('builds each ledger of an open month live from the service’s data, inside the unit', async () => {
    const view = (await month().expect(200)).body;
    expect(view).toMatchObject({ unit: '510107', month: '2026-06', state: 'open', closedAt: null });
    const unemployed = (await rows('registered-unemployed').expect(200)).body;
    expect(names(unemployed)).toEqual(['张一', '王二']);
    const zhang = unemployed.items.find((r: { name: string }) => r.name === '张一');
    expect(zhang).toMatchObject({
      statusAtMonthEnd: '登记失业 Registered unemployed',
      registeredOn: '2026-01-05',
      registeredInMonth: '否 No',
    });
    // Masked as everywhere: first 3 and last 4 characters of the ID number, never the birth date.
    expect(zhang.idNumber).toMatch(/^510\*{11}\d{3}[\dX]$/);
    expect(zhang.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(JSON.stringify(unemployed)).not.toContain(idNumber('19800101', 21));
    expect(unemployed.items.find((r: { name: string }) => r.name === '王二')).toMatchObject({
      statusAtMonthEnd: '已就业 Employed',
      registeredInMonth: '是 Yes',
    });

    const seekers = (await rows('job-seekers').expect(200)).body;
    expect(names(seekers)).toEqual(['张一', '王二']);
    expect(seekers.items.find((r: { name: string }) => r.name === '张一')).toMatchObject({
      kind: '已登记 Registered before',
      serviceRecords: 2,
      jobReferrals: 1,
      firstContact: '2026-06-12',
    });

    const retirees = (await rows('retirees').expect(200)).body;
    expect(retirees.items).toEqual([
      expect.objectContaining({
        name: '赵四',
        retiredOn: '2020-03-15',
        source: '按出生日期和法定退休年龄推算 Computed from birth date and statutory retirement age',
      }),
    ]);

    const training = (await rows('training').expect(200)).body;
    expect(training.items).toEqual([
      expect.objectContaining({
        name: '张一',
        course: '中式烹调师（初级）',
        provider: '武侯职业培训学校',
        statusAtMonthEnd: '已结业 Completed',
        passed: '是 Yes',
        certificateNo: 'CERT-2026-001',
      }),
    ]);
    // In May the course had not started and the person was only referred.
    const may = (await rows('training', supervisor, { ...june, month: '2026-05' }).expect(200)).body;
    expect(may.items[0]).toMatchObject({ statusAtMonthEnd: '已推荐 Referred', passed: null });

    expect(
      Object.fromEntries(view.ledgers.map((l: { ledger: string; count: number }) => [l.ledger, l.count])),
    ).toEqual({
      'registered-unemployed': 2,
      'job-seekers': 2,
      insured: 0,
      retirees: 1,
      training: 1,
    });
  });

  it('keeps each caller to their area: another district’s unit is refused, the city sees both', async () => {
    const refused = await month(jinjiangSupervisor).expect(403);
    expect(refused.body.errors[0]).toMatchObject({ field: 'unit', rule: 'inScope' });
    const jinjiang = (
      await rows('registered-unemployed', jinjiangSupervisor, { unit: '510104', month: '2026-06' }).expect(
        200,
      )
    ).body;
    expect(names(jinjiang)).toEqual(['金五']);
    const city = tokenFor(['supervisor'], '510100', 'sup-city');
    const all = (await rows('registered-unemployed', city, { unit: '510100', month: '2026-06' }).expect(200))
      .body;
    expect(names(all)).toEqual(['张一', '王二', '金五']);
    await http().get('/ledgers').query({ unit: 'x', month: '2026-13' }).set(as(supervisor)).expect(400);
  });

  it('validates an imported list line by line and names the line and field, storing nothing', async () => {
    const good = idNumber('19800101', 21);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = [
      '姓名,身份证号,社区代码,参保日期,险种',
      `张一,${idNumber('19800101', 21)},${COMMUNITY_A},2020-01-01,城镇职工基本养老保险`,
      `错号,${wrongCheck},${COMMUNITY_A},2020-01-01,城镇职工基本养老保险`,
      `外区,${idNumber('19810101', 23)},${JINJIANG_COMMUNITY},2020-01-01,城镇职工基本养老保险`,
      `晚了,${idNumber('19820101', 25)},${COMMUNITY_A},2026-07-01,城镇职工基本养老保险`,
    ].join('\n');
    const res = await http()
      .post('/ledgers/imports')
      .set(as(supervisor))
      .send({ kind: 'insured', unit: '510107', source: '武侯区社保局', asOf: '2026-06-30', csv: bad })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(fields).toEqual([
      'csv.line3.idNumber:checkChar',
      'csv.line4.communityCode:inScope',
      'csv.line5.since:notAfterAsOf',
    ]);
    expect(res.body.errors[0].message.en).toContain('csv.line3.idNumber');
    expect(JSON.stringify(res.body)).not.toContain(good.slice(0, 17));
    const missing = await http()
      .post('/ledgers/imports')
      .set(as(supervisor))
      .send({
        kind: 'insured',
        unit: '510107',
        source: 's',
        asOf: '2026-06-30',
        csv: '姓名,身份证号\n张一,1',
      })
      .expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('csv.header.communityCode');
    await http()
      .post('/ledgers/imports')
      .set(as(operator))
      .send({ kind: 'insured', unit: '510107', source: 's', asOf: '2026-06-30', csv: bad })
      .expect(403);
    expect((await q(`SELECT count(*)::int AS n FROM §.social_insurance_imports`))[0].n).toBe(0);
  });

  it('fills the insured and retiree ledgers from imports, saying which rows come from where', async () => {
    const insured = await http()
      .post('/ledgers/imports')
      .set(as(supervisor))
      .send({
        kind: 'insured',
        unit: '510107',
        source: '武侯区社保局 2026-06 参保名单',
        asOf: '2026-06-30',
        csv: [
          'name,idNumber,communityCode,since,insuranceType',
          `张一,${idNumber('19800101', 21)},${COMMUNITY_A},2015-03-01,城镇职工基本养老保险`,
          `"孙,六",${idNumber('19880808', 71)},${COMMUNITY_B},2019-09-01,城乡居民基本养老保险`,
        ].join('\r\n'),
      })
      .expect(201);
    expect(insured.body).toMatchObject({ rows: 2, matchedPersons: 1 });
    await http()
      .post('/ledgers/imports')
      .set(as(supervisor))
      .send({
        kind: 'retired',
        unit: '510107',
        source: '武侯区社保局 退休名单',
        asOf: '2026-06-30',
        csv: `姓名,身份证号,社区代码,退休日期\n钱七,${idNumber('19580101', 81)},${COMMUNITY_A},2018-01-01\n`,
      })
      .expect(201);
    const list = (await rows('insured').expect(200)).body;
    expect(list.items).toEqual([
      expect.objectContaining({
        name: '张一',
        knownPerson: '是 Yes',
        source: '导入 Import: 武侯区社保局 2026-06 参保名单',
        asOf: '2026-06-30',
      }),
      expect.objectContaining({ name: '孙,六', knownPerson: '否 No', insuranceType: '城乡居民基本养老保险' }),
    ]);
    expect(JSON.stringify(list)).not.toContain(idNumber('19880808', 71));
    const retirees = (await rows('retirees').expect(200)).body;
    expect(
      retirees.items.map((r: { name: string; source: string }) => [r.name, r.source.slice(0, 2)]).sort(),
    ).toEqual([
      ['赵四', '按出'],
      ['钱七', '导入'],
    ]);
    // A list dated after the month does not count for it.
    expect((await rows('insured', supervisor, { ...june, month: '2026-05' }).expect(200)).body.total).toBe(0);
  });

  it('closes an ended month as a snapshot later changes do not alter; corrections stand beside it', async () => {
    await http().post('/ledgers/close').set(as(operator)).send(june).expect(403);
    const early = await http()
      .post('/ledgers/close')
      .set(as(supervisor))
      .send({ ...june, month: '2026-07' })
      .expect(400);
    expect(early.body.errors[0]).toMatchObject({ field: 'month', rule: 'ended' });
    const closed = (await http().post('/ledgers/close').set(as(supervisor)).send(june).expect(200)).body;
    expect(closed).toMatchObject({
      state: 'closed',
      closedBy: 'sup-wuhou',
      closedAt: '2026-07-10T02:00:00.000Z',
    });
    await http().post('/ledgers/close').set(as(supervisor)).send(june).expect(409);

    // Later changes: Zhang renamed and employed, a new person registered in June after the close.
    await q(`UPDATE §.persons SET name = '张一改', unemployment_status = 'employed' WHERE id = $1`, [
      ids.zhang,
    ]);
    await register('late', {
      name: '迟到',
      idNumber: idNumber('19950505', 91),
      unemployment: { registeredOn: '2026-06-29', status: 'registered' },
    });
    const after = (await rows('registered-unemployed').expect(200)).body;
    expect(after).toMatchObject({ state: 'closed', total: 2 });
    expect((await month().expect(200)).body.ledgers.map((l: { count: number }) => l.count)).toEqual([
      2, 2, 2, 2, 1,
    ]);
    expect(names(after)).toEqual(['张一', '王二']);
    expect(after.items.map((r: { rowNo: number }) => r.rowNo)).toEqual([1, 2]);
    // The live July month sees the change.
    expect(
      names(
        (await rows('registered-unemployed', supervisor, { ...june, month: '2026-07' }).expect(200)).body,
      ),
    ).toEqual(['迟到']);
    // Not even a hand-written statement changes a closed month.
    await expect(q(`UPDATE §.ledger_snapshot_rows SET row = '{}'`)).rejects.toThrow(/closed ledger month/);
    await expect(q(`DELETE FROM §.ledger_closes`)).rejects.toThrow(/closed ledger month/);

    const zhangRow = after.items.find((r: { name: string }) => r.name === '张一').rowNo;
    await http()
      .post('/ledgers/corrections')
      .set(as(operator))
      .send({
        ...june,
        ledger: 'registered-unemployed',
        rowNo: zhangRow,
        field: 'name',
        newValue: '张一改',
        reason: '姓名登记有误',
      })
      .expect(403);
    const badField = await http()
      .post('/ledgers/corrections')
      .set(as(supervisor))
      .send({
        ...june,
        ledger: 'registered-unemployed',
        rowNo: zhangRow,
        field: 'salary',
        newValue: '1',
        reason: '测试原因',
      })
      .expect(400);
    expect(badField.body.errors[0]).toMatchObject({ field: 'field', rule: 'ledgerColumn' });
    const corrected = (
      await http()
        .post('/ledgers/corrections')
        .set(as(supervisor))
        .send({
          ...june,
          ledger: 'registered-unemployed',
          rowNo: zhangRow,
          field: 'name',
          newValue: '张一改',
          reason: '姓名登记有误',
        })
        .expect(201)
    ).body;
    expect(corrected.corrections).toEqual([
      {
        ledger: 'registered-unemployed',
        rowNo: zhangRow,
        field: 'name',
        oldValue: '张一',
        newValue: '张一改',
        reason: '姓名登记有误',
        correctedBy: 'sup-wuhou',
        correctedAt: '2026-07-10T02:00:00.000Z',
      },
    ]);
    const shown = (await rows('registered-unemployed').expect(200)).body;
    expect(names(shown)).toEqual(['张一', '王二']);
    expect(shown.corrections).toHaveLength(1);
    // An open month takes no corrections: it is built from the data.
    await http()
      .post('/ledgers/corrections')
      .set(as(supervisor))
      .send({
        unit: '510107',
        month: '2026-05',
        ledger: 'registered-unemployed',
        rowNo: 1,
        field: 'name',
        reason: '测试原因',
      })
      .expect(409);
  });

  it('exports a ledger as CSV and XLSX with bilingual headers, its rows and a summary', async () => {
    const csv = await http()
      .get('/ledgers/job-seekers/export')
      .query({ ...june, month: '2026-05', format: 'csv' })
      .set(as(supervisor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = parseCsv(csv.body.toString('utf8'));
    expect(lines[0].slice(0, 3)).toEqual([
      '姓名 Name',
      '身份证号(脱敏) ID number (masked)',
      '手机(脱敏) Mobile (masked)',
    ]);
    expect(lines.slice(1, 2).map((l) => l[0])).toEqual(['赵四']);
    expect(lines.slice(-2)).toEqual([
      ['合计 Total', '1'],
      ['已登记 Registered before', '1'],
    ]);

    // The closed June: the snapshot's rows with their numbers, the corrections on their own sheet.
    const xlsx = await http()
      .get('/ledgers/registered-unemployed/export')
      .query({ ...june, format: 'xlsx' })
      .set(as(supervisor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('登记失业人员台账');
    expect(sheet.getRow(1).getCell(1).value).toBe('行号 Row');
    expect(sheet.getRow(1).getCell(2).value).toBe('姓名 Name');
    const exported = [2, 3].map((r) => sheet.getRow(r).getCell(2).value);
    expect(exported.sort()).toEqual(['张一', '王二']);
    expect(sheet.rowCount).toBe(3);
    const summary = workbook.getWorksheet('汇总 Summary')!;
    const summaryRows = summary
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(summaryRows).toContainEqual(['合计 Total', 2]);
    expect(summaryRows).toContainEqual(['月份 Month', '2026-06']);
    const fixes = workbook.getWorksheet('更正 Corrections')!;
    expect(fixes.getRow(2).values).toEqual(
      expect.arrayContaining(['name', '张一', '张一改', '姓名登记有误', 'sup-wuhou']),
    );

    await http()
      .get('/ledgers/registered-unemployed/export')
      .query({ unit: '510107', month: '2026-06', format: 'pdf' })
      .set(as(supervisor))
      .expect(400);
    await http()
      .get('/ledgers/registered-unemployed/export')
      .query({ ...june, format: 'csv' })
      .set(as(jinjiangSupervisor))
      .expect(403);
  });

  it('streams through a cursor: the export writer gets the rows in batches and the result matches the count', async () => {
    const { LedgersService } = await import('./ledgers.service');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    const summary = await service.app
      .get(LedgersService)
      .export(
        { userId: 'u', username: 'sup-city', roles: ['supervisor'], orgPath: '510100' },
        'registered-unemployed',
        '510100',
        '2026-07',
        'csv',
        out,
      );
    expect(summary.total).toBe(
      parseCsv(Buffer.concat(chunks).toString('utf8')).length - 2 - Object.keys(summary.by).length,
    );
    expect(summary.total).toBe(2); // 金五 and 迟到: Zhang is employed now, Wang since June
  });

  it('computes the retirement date in SQL as the TypeScript rule does, for every birth month 1955–1985', async () => {
    const births: string[] = [];
    for (let y = 1955; y <= 1985; y++)
      for (let m = 1; m <= 12; m++)
        for (const d of [1, 29, 31]) {
          const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (
            !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
            new Date(`${day}T00:00:00Z`).getUTCDate() === d
          )
            births.push(day);
        }
    const result: Array<{ b: string; g: string; r: string }> = await service.dataSource.query(
      `SELECT b::text AS b, g, (${retirementDateSql('b', 'g')})::text AS r
         FROM unnest($1::date[]) b, unnest(ARRAY['male', 'female']) g`,
      [births],
    );
    const wrong = result.filter((x) => x.r !== retirementDate(x.g === 'male' ? 'male' : 'female-55', x.b));
    expect(result.length).toBe(births.length * 2);
    expect(wrong).toEqual([]);
  });
});
