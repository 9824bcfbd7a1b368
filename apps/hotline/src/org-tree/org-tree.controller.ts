import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@platform/nest-kit';
import { ListOrgUnitsQuery, OrgCodeParams, OrgUnitView, toOrgUnitView } from './org-unit.dto';
import { OrgTreeService } from './org-tree.service';

const unknownUnit = (code: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, `No org unit has code ${code} / 组织单位 ${code} 不存在`);

/** Any signed-in user may read the tree: it holds no personal data. */
@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgTreeController {
  constructor(private readonly orgTree: OrgTreeService) {}

  @Get(':code')
  async get(@Param() { code }: OrgCodeParams): Promise<OrgUnitView & { ancestors: OrgUnitView[] }> {
    const unit = await this.orgTree.findByCode(code);
    if (!unit) throw unknownUnit(code);
    const ancestors = await this.orgTree.ancestorsOf(unit);
    return { ...toOrgUnitView(unit), ancestors: ancestors.map(toOrgUnitView) };
  }

  @Get()
  async list(
    @Query() { parent }: ListOrgUnitsQuery,
  ): Promise<{ parent: string | null; items: OrgUnitView[] }> {
    if (!parent) return { parent: null, items: (await this.orgTree.roots()).map(toOrgUnitView) };
    if (!(await this.orgTree.findByCode(parent))) throw unknownUnit(parent);
    return { parent, items: (await this.orgTree.childrenOf(parent)).map(toOrgUnitView) };
  }
}
