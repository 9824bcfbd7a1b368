import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@platform/auth';
import { MatchBody } from './match.dto';
import { MatchingService } from './matching.service';

@ApiTags('matching')
@ApiBearerAuth()
@Roles('operator', 'supervisor')
@Controller('matching')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  /** A POST because the person's constraints are personal: they do not belong in a URL or an access log. */
  @Post()
  @HttpCode(HttpStatus.OK)
  async match(@Body() body: MatchBody) {
    return { items: await this.matching.match(body.person, body.limit) };
  }
}
