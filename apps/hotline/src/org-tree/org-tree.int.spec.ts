import request from 'supertest';
import { ORG_UNIT_CENTROIDS } from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import { HotlineConfig } from '../config';
import { startHotline, tokenFor } from '../identity/testing/hotline-test-app';
import { OrgTreeService } from './org-tree.service';

const CHENGDU_DISTRICTS = [
  '510104',
  '510105',
  '510106',
  '510107',
  '510108',
  '510112',
  '510113',
  '510114',
  '510115',
  '510116',
  '510117',
  '510118',
  '510121',
  '510129',
  '510131',
  '510181',
  '510182',
  '510183',
  '510184',
  '510185',
];

describe('org tree (real Postgres and Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let token: string;
  const get = (url: string) =>
    request(service.app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    service = await startHotline();
    token = await tokenFor(service, 'employer.demo');
  });
  afterAll(() => service?.close());

  it('starts at the city when no parent is given', async () => {
    const response = await get('/org-units').expect(200);
    expect(response.body).toEqual({
      parent: null,
      items: [
        {
          code: '510100',
          parentCode: null,
          level: 'city',
          nameZh: '成都市',
          nameEn: 'Chengdu',
          path: '510100',
        },
      ],
    });
  });

  it("lists all 20 of Chengdu's districts and counties", async () => {
    const response = await get('/org-units?parent=510100').expect(200);
    expect(response.body.items.map((unit: { code: string }) => unit.code)).toEqual(CHENGDU_DISTRICTS);
    expect(response.body.items.every((unit: { level: string }) => unit.level === 'district')).toBe(true);
    expect(response.body.items.find((unit: { code: string }) => unit.code === '510107').nameZh).toBe(
      '武侯区',
    );
    expect(response.body.items.find((unit: { code: string }) => unit.code === '510185').nameZh).toBe(
      '简阳市',
    );
  });

  it('gives every central district at least 6 streets whose paths start with the district path', async () => {
    for (const district of ['510104', '510105', '510106', '510107', '510108']) {
      const { body } = await get(`/org-units?parent=${district}`).expect(200);
      expect(body.items.length).toBeGreaterThanOrEqual(6);
      for (const street of body.items) {
        expect(street.level).toBe('street');
        expect(street.code).toMatch(new RegExp(`^${district}\\d{3}$`));
        expect(street.path).toBe(`510100/${district}/${street.code}`);
        expect(street.nameZh).toMatch(/(街道|镇|乡)$/);
      }
    }
  });

  it('returns a unit with its ancestors from the city down', async () => {
    const response = await get('/org-units/510107003001').expect(200);
    expect(response.body).toMatchObject({
      code: '510107003001',
      level: 'community',
      parentCode: '510107003',
      path: '510100/510107/510107003/510107003001',
    });
    expect(
      response.body.ancestors.map((unit: { code: string; level: string }) => [unit.code, unit.level]),
    ).toEqual([
      ['510100', 'city'],
      ['510107', 'district'],
      ['510107003', 'street'],
    ]);
    expect(response.body.ancestors[2].nameZh).toBe('玉林街道');
  });

  it('answers unknown codes with 404 problem details and malformed ones with 400', async () => {
    const unknown = await get('/org-units/510199').expect(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ status: 404, detail: expect.stringContaining('510199') });
    await get('/org-units?parent=510199999').expect(404);
    const malformed = await get('/org-units/abc').expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'code', rule: 'matches' })]);
    const extra = await get('/org-units?parent=510100&depth=2').expect(400);
    expect(extra.body.errors).toEqual([
      expect.objectContaining({ field: 'depth', rule: 'whitelistValidation' }),
    ]);
  });

  it('needs a token', async () => {
    await request(service.app.getHttpServer()).get('/org-units').expect(401);
  });

  it('answers path and containment questions for other features', async () => {
    const orgTree = service.app.get(OrgTreeService);
    const wuhou = await orgTree.pathOf('510107');
    const yulin = await orgTree.pathOf('510107003');
    const chunxi = await orgTree.pathOf('510104003');
    expect([wuhou, yulin]).toEqual(['510100/510107', '510100/510107/510107003']);
    expect(await orgTree.pathOf('510199')).toBeNull();
    expect(orgTree.isWithin(wuhou!, yulin!)).toBe(true);
    expect(orgTree.isWithin(wuhou!, wuhou!)).toBe(true);
    expect(orgTree.isWithin(wuhou!, chunxi!)).toBe(false);
    expect(orgTree.isWithin(yulin!, wuhou!)).toBe(false);
    // A prefix of digits is not an ancestor: 510100/51010 must not contain 510100/510104.
    expect(orgTree.isWithin('510100/51010', '510100/510104')).toBe(false);
  });

  it('gives every community (and street) the centroid of the shared list the jobs service reads', async () => {
    const units: Array<{ code: string; level: string; lat: number | null; lng: number | null }> =
      await service.dataSource.query(
        `SELECT code, level, centroid_lat AS lat, centroid_lng AS lng FROM "${service.schema}".org_units
         WHERE level IN ('street', 'community') ORDER BY code`,
      );
    const communities = units.filter((unit) => unit.level === 'community');
    expect(communities.length).toBeGreaterThanOrEqual(3);
    for (const unit of units) {
      expect({ code: unit.code, lat: unit.lat, lng: unit.lng }).toEqual({
        code: unit.code,
        ...ORG_UNIT_CENTROIDS[unit.code],
      });
    }
    // Nothing in the list that the tree does not have.
    expect(Object.keys(ORG_UNIT_CENTROIDS).sort()).toEqual(units.map((unit) => unit.code));
    await expect(
      service.dataSource.query(
        `UPDATE "${service.schema}".org_units SET centroid_lat = NULL WHERE code = '510107003001'`,
      ),
    ).rejects.toThrow(/org_units_centroid_pair_check/);
  });

  it('keeps paths unique and prefix-searchable through a text_pattern_ops index', async () => {
    const [index] = await service.dataSource.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'org_units_path_key'`,
      [service.schema],
    );
    expect(index.indexdef).toMatch(/CREATE UNIQUE INDEX .* \(path text_pattern_ops\)/);
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".org_units WHERE path LIKE '510100/510107/%'`,
    );
    expect(count).toBeGreaterThanOrEqual(6 + 2);
  });
});
