import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@platform/auth';
import { PageQuery } from '@platform/nest-kit';
import { DevSinkSmsGateway } from './dev-sink-sms-gateway';
import { SMS_GATEWAY } from './sms-gateway';

/**
 * Development only: the texts the dev sink kept instead of sending (numbers masked), so a developer can read a
 * confirmation code. Registered only when SMS_GATEWAY is dev-sink, which production refuses. Admins only: the
 * sink holds texts of every area.
 */
@ApiTags('development')
@ApiBearerAuth()
@Roles('admin')
@Controller('dev/sms-messages')
export class DevSmsController {
  constructor(@Inject(SMS_GATEWAY) private readonly sink: DevSinkSmsGateway) {}

  @Get()
  list(@Query() query: PageQuery) {
    return { ...this.sink.messages(query.limit, query.offset), limit: query.limit, offset: query.offset };
  }
}
