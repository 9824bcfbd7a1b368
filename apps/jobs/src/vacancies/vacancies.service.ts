import { HttpStatus, Injectable } from '@nestjs/common';
import { type Centroid, centroidOf, type VacancyKind, type VacancyView } from '@platform/contracts';
import { FieldError, Page, ProblemException } from '@platform/nest-kit';
import { GramStats } from './search-plan';
import { VacanciesRepository, VacancyScope } from './vacancies.repository';
import { ListVacanciesQuery, UpdateVacancyBody, VacancyBody } from './vacancy.dto';

export function vacancyFieldErrors(body: VacancyBody): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, rule: string, zh: string, en: string) =>
    errors.push({ field, rule, message: { zh, en } });
  if (body.wageMaxFen < body.wageMinFen)
    add('wageMaxFen', 'notBelowMin', '工资上限不能低于下限', 'wageMaxFen must not be below wageMinFen');
  if (body.validTo < body.validFrom)
    add('validTo', 'notBeforeFrom', '截止日期不能早于起始日期', 'validTo must not be before validFrom');
  if (!body.streetCode.startsWith(body.districtCode))
    add('streetCode', 'withinDistrict', '街道不属于所填区县', 'the street is not in the given district');
  if (body.communityCode && !body.communityCode.startsWith(body.streetCode))
    add('communityCode', 'withinStreet', '社区不属于所填街道', 'the community is not in the given street');
  return errors;
}

/**
 * The vacancy's point, where matching measures distances from. Employers know where the work is by community,
 * not by coordinates: without lat and lng, the chosen community's centroid, else (a street whose communities the
 * org tree does not list yet) the street's. The centroids are the org tree's own (shared list, see
 * ORG_UNIT_CENTROIDS). Given coordinates are kept as they are (API clients, vacancies posted before).
 */
export function vacancyPoint(body: VacancyBody): { point?: Centroid; errors: FieldError[] } {
  const error = (field: string, rule: string, zh: string, en: string): FieldError => ({
    field,
    rule,
    message: { zh: `${field}：${zh}`, en: `${field}: ${en}` },
  });
  const hasLat = body.lat != null;
  if (hasLat !== (body.lng != null)) {
    const missing = hasLat ? 'lng' : 'lat';
    return {
      errors: [
        error(missing, 'pairedWith', '经纬度须同时填写或都不填', 'give lat and lng together, or neither'),
      ],
    };
  }
  if (hasLat) return { point: { lat: body.lat!, lng: body.lng! }, errors: [] };
  if (body.communityCode) {
    const point = centroidOf(body.communityCode);
    if (point) return { point, errors: [] };
    return {
      errors: [
        error(
          'communityCode',
          'knownCommunity',
          '不是组织树中有位置的社区',
          'is not a community of the org tree with a location',
        ),
      ],
    };
  }
  const point = centroidOf(body.streetCode);
  if (point) return { point, errors: [] };
  return {
    errors: [
      error('communityCode', 'isDefined', '请选择岗位所在的社区', 'choose the community the work is in'),
    ],
  };
}

/**
 * Public-welfare posts and assistance-base posts are designated by the bureau, not by the employer that posts them:
 * an employer may not create one nor turn a vacancy into one (a vacancy that already has the kind keeps it).
 */
export function employerKindErrors(kind: VacancyKind | undefined, current?: VacancyKind): FieldError[] {
  if (kind === undefined || kind === 'market' || kind === current) return [];
  return [
    {
      field: 'kind',
      rule: 'employerPostsMarketOnly',
      message: {
        zh: 'kind：用人单位只能发布市场岗位（market），公益性岗位和就业援助基地岗位由人社部门认定',
        en: 'kind: employers post market vacancies only; public-welfare and assistance-base posts are designated by the bureau',
      },
    },
  ];
}

const invalid = (errors: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'The vacancy is invalid / 岗位信息有误', errors);
export const vacancyNotFound = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'No such vacancy / 未找到该岗位');

@Injectable()
export class VacanciesService {
  constructor(private readonly repository: VacanciesRepository) {}

  async create(employerId: string, body: VacancyBody): Promise<VacancyView> {
    const errors = [...employerKindErrors(body.kind), ...vacancyFieldErrors(body)];
    const { point, errors: pointErrors } = vacancyPoint(body);
    errors.push(...pointErrors);
    if (errors.length) throw invalid(errors);
    return this.get({ employerId }, await this.repository.insert(employerId, { ...body, ...point }));
  }

  async get(scope: VacancyScope, id: string): Promise<VacancyView> {
    const row = await this.repository.find(scope, id);
    if (!row) throw vacancyNotFound();
    return row;
  }

  async update(employerId: string, id: string, body: UpdateVacancyBody): Promise<VacancyView> {
    const current = await this.get({ employerId }, id);
    const merged = { ...current, ...body } as VacancyBody;
    if (body.streetCode && !body.communityCode) merged.communityCode = undefined;
    // A vacancy moved to another place without coordinates gets that place's centroid; otherwise it keeps its point.
    const moved = (['districtCode', 'streetCode', 'communityCode'] as const).some(
      (field) => body[field] !== undefined && (body[field] ?? null) !== (current[field] ?? null),
    );
    if (moved && body.lat == null && body.lng == null) merged.lat = merged.lng = undefined;
    const { point, errors: pointErrors } = vacancyPoint(merged);
    const errors = [
      ...employerKindErrors(body.kind, current.kind),
      ...vacancyFieldErrors(merged),
      ...pointErrors,
    ];
    if (errors.length) throw invalid(errors);
    Object.assign(merged, point);
    try {
      if (!(await this.repository.update(employerId, id, merged))) throw vacancyNotFound();
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'vacancies_taken_check')
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'Headcount cannot drop below the places already filled / 招聘人数不能少于已占用名额',
        );
      throw error;
    }
    return this.get({ employerId }, id);
  }

  async close(employerId: string, id: string): Promise<VacancyView> {
    if (!(await this.repository.close(employerId, id))) throw vacancyNotFound();
    return this.get({ employerId }, id);
  }

  /**
   * Lists and searches; every filter, the keyword included, is ANDed with the caller's scope. A keyword search
   * answers without a total: counting every hit of a one-character keyword costs more than the search itself.
   */
  async list(scope: VacancyScope, query: ListVacanciesQuery): Promise<Page<VacancyView>> {
    const stats = query.q === undefined ? undefined : await this.gramStats();
    const items = await this.repository.list(scope, query, stats);
    if (!items) return { items: [], total: 0, limit: query.limit, offset: query.offset };
    const total = query.q === undefined ? await this.repository.count(scope, query) : null;
    return { items, total, limit: query.limit, offset: query.offset };
  }

  private stats: { at: number; value: GramStats } | undefined;

  /** Lexeme statistics change only with ANALYZE: cached for five minutes. */
  private async gramStats(): Promise<GramStats> {
    if (!this.stats || Date.now() - this.stats.at > 5 * 60_000)
      this.stats = { at: Date.now(), value: await this.repository.gramStats() };
    return this.stats.value;
  }
}
