import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MatchItem, MatchPersonDto } from './match.dto';
import { matchSql } from './match-sql';

const HOURS_ZH: Record<string, string> = {
  full_time: '全职',
  part_time: '兼职',
  shift: '轮班',
  flexible: '灵活',
};
const PHYSICAL_ZH: Record<string, string> = { light: '轻体力', moderate: '中等体力', heavy: '重体力' };
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const yuan = (fen: number) => (fen / 100).toFixed(0);

interface MatchRow {
  id: string;
  employer_id: string;
  kind: string;
  title: string;
  district_code: string;
  street_code: string;
  hours: MatchItem['hours'];
  physical_demand: MatchItem['physicalDemand'];
  wage_min_fen: number;
  wage_max_fen: number;
  open_places: number;
  employer_name: string | null;
  km: number;
  matched: string[];
  f_skills: number;
  f_distance: number;
  f_hours: number;
  f_constraints: number;
  f_wage: number;
  f_freshness: number;
  score: number;
}

/** A sentence the operator can read out: why this vacancy ranks where it does. */
export function reasonFor(row: MatchRow, person: MatchPersonDto): { zh: string; en: string } {
  const km = round(Number(row.km), 1);
  const skills = row.matched.length ? `技能匹配：${row.matched.join('、')}` : '无匹配技能要求或可培训上岗';
  const skillsEn = row.matched.length
    ? `skills matched: ${row.matched.join(', ')}`
    : 'no matching skill required';
  const wageOk = person.minWageFen === undefined || row.wage_max_fen >= person.minWageFen;
  return {
    zh: [
      `距离约 ${km} 公里`,
      skills,
      `工时：${HOURS_ZH[row.hours]}`,
      `${PHYSICAL_ZH[row.physical_demand]}`,
      `月薪 ${yuan(row.wage_min_fen)}–${yuan(row.wage_max_fen)} 元${wageOk ? '' : '（低于期望）'}`,
      `尚余 ${row.open_places} 个名额`,
    ].join('；'),
    en: [
      `about ${km} km away`,
      skillsEn,
      `hours: ${row.hours}`,
      `${row.physical_demand} physical work`,
      `CNY ${yuan(row.wage_min_fen)}–${yuan(row.wage_max_fen)} a month${wageOk ? '' : ' (below expectation)'}`,
      `${row.open_places} place(s) open`,
    ].join('; '),
  };
}

@Injectable()
export class MatchingService {
  constructor(private readonly dataSource: DataSource) {}

  async match(person: MatchPersonDto, limit = 20): Promise<MatchItem[]> {
    const schema = (this.dataSource.options as { schema: string }).schema;
    const { sql, params } = matchSql(schema, person, limit);
    const rows = (await this.dataSource.query(sql, params)) as MatchRow[];
    return rows.map((row) => ({
      vacancyId: row.id,
      employerId: row.employer_id,
      kind: row.kind,
      title: row.title,
      districtCode: row.district_code,
      streetCode: row.street_code,
      hours: row.hours,
      physicalDemand: row.physical_demand,
      wageMinFen: row.wage_min_fen,
      wageMaxFen: row.wage_max_fen,
      openPlaces: row.open_places,
      employerName: row.employer_name,
      distanceKm: round(Number(row.km)),
      score: round(Number(row.score), 3),
      factors: {
        skills: round(Number(row.f_skills)),
        distance: round(Number(row.f_distance)),
        hours: round(Number(row.f_hours)),
        constraints: round(Number(row.f_constraints)),
        wage: round(Number(row.f_wage)),
        freshness: round(Number(row.f_freshness)),
      },
      matchedSkills: row.matched,
      reason: reasonFor(row, person),
    }));
  }
}
