import { Body, Controller, Get, HttpStatus, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { ProblemException } from '@platform/nest-kit';
import { mayChangeCityWideSettings } from '../org-tree/area-scope';
import { PutHouseholdPolicyBody } from './household-policy.dto';
import { HouseholdPolicyService } from './household-policy.service';

const STAFF = ['operator', 'supervisor', 'admin'] as const;

@ApiTags('household-policy')
@ApiBearerAuth()
@Controller('household-policy')
export class HouseholdPolicyController {
  constructor(private readonly policies: HouseholdPolicyService) {}

  @Get()
  @Roles(...STAFF)
  current() {
    return this.policies.current();
  }

  @Get('history')
  @Roles('supervisor', 'admin')
  history() {
    return this.policies.history();
  }

  @Put()
  @Roles('supervisor', 'admin')
  replace(@Body() body: PutHouseholdPolicyBody, @CurrentUser() user: AuthenticatedUser) {
    if (!mayChangeCityWideSettings(user))
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'Only an admin or a city-level supervisor may change the household policy / 仅系统管理员或市级督导可修改零就业家庭帮扶规则',
      );
    return this.policies.replace(
      {
        oneEmployedWithinDays: body.oneEmployedWithinDays,
        doubleEmploymentWithinMonths: body.doubleEmploymentWithinMonths,
        warnDaysBefore: body.warnDaysBefore,
        followUpMonths: body.followUpMonths,
      },
      body.reason,
      user.username,
    );
  }
}
