import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@platform/auth';
import type { CaseIntake, CaseLocation, CaseMatchProfile } from '@platform/contracts';
import { HelpRequestEndings } from '@platform/contracts';
import { ProblemException } from '@platform/nest-kit';
import { maskAddress, PiiCipher, piiContext } from '@platform/pii';
import { HotlineConfig } from '../../config';
import { AreaScope, areaScope } from '../../org-tree/area-scope';
import { OrgUnit } from '../../org-tree/org-unit.entity';
import { OrgTreeService } from '../../org-tree/org-tree.service';
import { CaseRow } from '../case.entity';
import { caseEnded, caseNotFound, fieldError, invalid, workflowProblem } from '../case-problems';
import { CASES_CONFIG, CaseWorkflows } from '../case-workflows';
import { CasesRepository } from '../cases.repository';
import { SetCaseLocationDto } from './case-location.dto';
import { CaseLocationRepository } from './case-location.repository';

type Point = { lat: number; lng: number };

/** The point matching measures from, and where it came from (see `CaseLocation.source`). */
export interface WorkFromPoint {
  source: CaseLocation['source'];
  point: Point | null;
}

const FINISHED_STATES: readonly string[] = [...HelpRequestEndings, 'closed'];

/** Where the address of a location change lives: its ciphertext only decrypts on that row. */
export const locationAddressContext = (changeId: string) =>
  piiContext('case_location_changes', 'address_encrypted', changeId);

const centroidOf = (unit: OrgUnit | null): Point | null =>
  unit && unit.centroidLat != null && unit.centroidLng != null
    ? { lat: unit.centroidLat, lng: unit.centroidLng }
    : null;

/**
 * Where a case's person can work from. In order: the community an operator set on the case, the point the
 * intake recorded, the centroid of the case's own community. Operators know a community and an address, never
 * coordinates; the address is kept (encrypted) for the people who call back, not geocoded.
 */
@Injectable()
export class CaseLocationService {
  private readonly cipher: PiiCipher;

  constructor(
    @Inject(CASES_CONFIG) config: HotlineConfig,
    private readonly repository: CaseLocationRepository,
    private readonly cases: CasesRepository,
    private readonly orgTree: OrgTreeService,
    private readonly workflows: CaseWorkflows,
  ) {
    this.cipher = new PiiCipher(config);
  }

  /** The point for matching of a case the caller may see; `intakePoint` is what the workflow's profile holds. */
  async workFrom(row: CaseRow, area: AreaScope, intakePoint: Point | null): Promise<WorkFromPoint> {
    const set = await this.repository.latest(row.id, area);
    const chosen = set ? centroidOf(await this.orgTree.findByCode(set.communityCode)) : null;
    if (chosen) return { source: 'operator', point: chosen };
    if (intakePoint) return { source: 'intake', point: intakePoint };
    const own = centroidOf(await this.orgTree.findByCode(row.communityCode));
    return own ? { source: 'community', point: own } : { source: 'none', point: null };
  }

  /** GET /cases/{id}/location: the community by name and the address masked; never coordinates. */
  async get(id: string, user: AuthenticatedUser): Promise<CaseLocation> {
    const area = areaScope(user);
    const row = await this.visibleCase(id, area);
    const set = await this.repository.latest(row.id, area);
    const { source } = await this.workFrom(row, area, await this.intakePoint(row));
    const fromOperator = source === 'operator' && set;
    const community = await this.orgTree.findByCode(fromOperator ? set.communityCode : row.communityCode);
    if (!community) throw new Error(`org tree: case ${row.id} names an unknown community`);
    const ancestors = await this.orgTree.ancestorsOf(community);
    const name = (unit: OrgUnit | undefined) => (unit ? { zh: unit.nameZh, en: unit.nameEn } : null);
    const address =
      fromOperator && set.addressEncrypted
        ? this.cipher.decrypt(set.addressEncrypted, locationAddressContext(set.id))
        : null;
    return {
      source,
      communityCode: community.code,
      community: { zh: community.nameZh, en: community.nameEn },
      street: name(ancestors.find((unit) => unit.level === 'street')),
      district: name(ancestors.find((unit) => unit.level === 'district')),
      addressMasked: address ? maskAddress(address) : null,
      setBy: fromOperator ? set.changedBy : null,
      setByName: fromOperator ? (set.changedByName ?? set.changedBy) : null,
      setAt: fromOperator ? set.changedAt.toISOString() : null,
    };
  }

  /**
   * PUT /cases/{id}/location: the case's owner or a supervisor of its area sets or corrects where the person
   * can work from, while the case is open. Each change is a new row: who, when, what (the audit trail).
   */
  async set(id: string, user: AuthenticatedUser, body: SetCaseLocationDto): Promise<CaseLocation> {
    const area = areaScope(user);
    const row = await this.visibleCase(id, area);
    const community = await this.orgTree.findByCode(body.communityCode);
    if (!community || community.level !== 'community') {
      throw invalid([
        fieldError(
          'communityCode',
          'exists',
          '不是组织树中的社区代码',
          'is not the code of a community in the org tree',
        ),
      ]);
    }
    await this.checkMayChange(row, user);
    const changeId = randomUUID();
    const written = await this.repository.append(
      {
        id: changeId,
        caseId: row.id,
        communityCode: community.code,
        addressEncrypted: body.address
          ? this.cipher.encrypt(body.address, locationAddressContext(changeId))
          : null,
        changedBy: user.username,
        changedByUserId: user.userId,
      },
      area,
    );
    if (!written) throw caseNotFound(id);
    return this.get(id, user);
  }

  /** Like the workflow's updates: only the owner or a supervisor, and only while the case is open. */
  private async checkMayChange(row: CaseRow, user: AuthenticatedUser): Promise<void> {
    let owner = row.openedBy;
    if (row.workflowStartedAt) {
      try {
        const view = await this.workflows.state(row.id);
        if (FINISHED_STATES.includes(view.state)) throw caseEnded(view.state);
        owner = view.owner;
      } catch (error) {
        throw workflowProblem(error, row.id);
      }
    }
    if (owner !== user.username && !user.roles.includes('supervisor')) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'Only the case owner or a supervisor may do this / 仅案件负责人或督导可执行此操作',
      );
    }
  }

  /** The intake's point: from the workflow once it runs, from the stored (encrypted) intake before. */
  private async intakePoint(row: CaseRow): Promise<Point | null> {
    if (!row.workflowStartedAt) {
      if (!row.intakeEncrypted) return null;
      const intake = JSON.parse(
        this.cipher.decrypt(row.intakeEncrypted, piiContext('cases', 'intake_encrypted', row.id)),
      ) as CaseIntake;
      return intake.location ?? null;
    }
    let profile: CaseMatchProfile;
    try {
      profile = await this.workflows.matchProfile(row.id);
    } catch (error) {
      throw workflowProblem(error, row.id);
    }
    return profile.location;
  }

  private async visibleCase(id: string, area: AreaScope): Promise<CaseRow> {
    const row = await this.cases.findInArea(id, area);
    if (!row) throw caseNotFound(id);
    return row;
  }
}
