import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { OrgUnit } from './org-unit.entity';

/** Read access to the org tree for this service's features (scope checks, account creation, reports). */
@Injectable()
export class OrgTreeService {
  constructor(@InjectRepository(OrgUnit) private readonly units: Repository<OrgUnit>) {}

  findByCode(code: string): Promise<OrgUnit | null> {
    return this.units.findOneBy({ code });
  }

  /** The unit's materialized path, or null when no unit has this code. */
  async pathOf(code: string): Promise<string | null> {
    return (await this.findByCode(code))?.path ?? null;
  }

  /** True when `path` is the unit at `ancestorPath` or below it (a unit is within itself). */
  isWithin(ancestorPath: string, path: string): boolean {
    return path === ancestorPath || path.startsWith(`${ancestorPath}/`);
  }

  /** Ancestors from the city down, without the unit itself. */
  async ancestorsOf(unit: OrgUnit): Promise<OrgUnit[]> {
    const codes = unit.path.split('/').slice(0, -1);
    if (!codes.length) return [];
    const found = await this.units.findBy({ code: In(codes) });
    return codes
      .map((code) => found.find((candidate) => candidate.code === code))
      .filter((u): u is OrgUnit => !!u);
  }

  childrenOf(code: string): Promise<OrgUnit[]> {
    return this.units.find({ where: { parentCode: code }, order: { code: 'ASC' } });
  }

  roots(): Promise<OrgUnit[]> {
    return this.units.find({ where: { parentCode: IsNull() }, order: { code: 'ASC' } });
  }
}
