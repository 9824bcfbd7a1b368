import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { assertMayChangeCityWidePolicy } from '../policy-history/city-wide-policy';
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
    assertMayChangeCityWidePolicy(user, { en: 'the household policy', zh: '零就业家庭帮扶规则' });
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
