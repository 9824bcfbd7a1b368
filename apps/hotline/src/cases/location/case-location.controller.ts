import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import type { CaseLocation } from '@platform/contracts';
import { CaseIdParams } from '../case.dto';
import { SetCaseLocationDto } from './case-location.dto';
import { CaseLocationService } from './case-location.service';

/** Where a case's person can work from: the community (and address) an operator knows, never coordinates. */
@ApiTags('cases')
@ApiBearerAuth()
@Roles('operator', 'supervisor')
@Controller('cases')
export class CaseLocationController {
  constructor(private readonly locations: CaseLocationService) {}

  @Get(':id/location')
  @ApiOkResponse({ description: 'The community by name and the address masked' })
  get(@Param() { id }: CaseIdParams, @CurrentUser() user: AuthenticatedUser): Promise<CaseLocation> {
    return this.locations.get(id, user);
  }

  /** Sets or corrects it while the case is open (the owner or a supervisor); a case elsewhere is 404. */
  @Put(':id/location')
  @ApiOkResponse({ description: 'The location now in force' })
  set(
    @Param() { id }: CaseIdParams,
    @Body() body: SetCaseLocationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CaseLocation> {
    return this.locations.set(id, user, body);
  }
}
