import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { assertMayChangeCityWidePolicy } from '../policy-history/city-wide-policy';
import { PutCasePolicyBody } from './case-policy.dto';
import { CasePolicyService } from './case-policy.service';

const STAFF = ['operator', 'supervisor', 'admin'] as const;

@ApiTags('case-policy')
@ApiBearerAuth()
@Controller('case-policy')
export class CasePolicyController {
  constructor(private readonly policies: CasePolicyService) {}

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
  replace(@Body() body: PutCasePolicyBody, @CurrentUser() user: AuthenticatedUser) {
    assertMayChangeCityWidePolicy(user, { en: 'the case policy', zh: '个案规则' });
    const { reason, ...policy } = body;
    return this.policies.replace(
      {
        refusal: {
          validReasonCodes: policy.refusal.validReasonCodes,
          maxUnjustifiedRefusals: policy.refusal.maxUnjustifiedRefusals,
        },
        callbackAfterWorkingDays: policy.callbackAfterWorkingDays,
        followUpMonths: policy.followUpMonths,
        promiseWorkingDays: policy.promiseWorkingDays,
      },
      reason,
      user.username,
    );
  }
}
