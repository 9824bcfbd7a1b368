import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import {
  CloseMonthBody,
  LedgerCorrectionBody,
  LedgerExportQuery,
  LedgerMonthQuery,
  LedgerParams,
  LedgerRowsQuery,
} from './ledger.dto';
import { writeLedgerCsv, writeLedgerXlsx } from '@platform/ledger-export';
import { LedgersService } from './ledgers.service';

/**
 * The six ledgers (六本台账), the jobs service's one (employer vacancies): the same routes as the people
 * service's for its five, so the console treats all six alike (docs/ledgers.md).
 */
@ApiTags('ledgers')
@ApiBearerAuth()
@Controller('ledgers')
export class LedgersController {
  constructor(private readonly ledgers: LedgersService) {}

  /** The unit's month: each ledger's count, whether it is closed, the corrections. */
  @Get()
  @Roles('operator', 'supervisor', 'admin')
  month(@Query() q: LedgerMonthQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.ledgers.month(user, q.unit, q.month);
  }

  @Post('close')
  @Roles('supervisor', 'admin')
  @HttpCode(HttpStatus.OK)
  close(@Body() body: CloseMonthBody, @CurrentUser() user: AuthenticatedUser) {
    return this.ledgers.close(user, body.unit, body.month);
  }

  @Post('corrections')
  @Roles('supervisor', 'admin')
  correct(@Body() body: LedgerCorrectionBody, @CurrentUser() user: AuthenticatedUser) {
    return this.ledgers.correct(user, body);
  }

  /** One ledger's rows, a page at a time (masked ID numbers and phones). */
  @Get(':ledger')
  @Roles('operator', 'supervisor', 'admin')
  rows(
    @Param() { ledger }: LedgerParams,
    @Query() q: LedgerRowsQuery,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.ledgers.rows(user, ledger, q.unit, q.month, q.limit, q.offset);
  }

  /** The whole ledger as a file, streamed from a database cursor. */
  @Get(':ledger/export')
  @Roles('operator', 'supervisor', 'admin')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(
    @Param() { ledger }: LedgerParams,
    @Query() q: LedgerExportQuery,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    // The checks (scope, the month's state) come first: a refusal still answers problem+json.
    const file = await this.ledgers.exportFile(user, ledger, q.unit, q.month);
    response.status(200);
    response.setHeader(
      'Content-Type',
      q.format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="ledger-${ledger}-${q.unit}-${q.month}.${q.format}"`,
    );
    response.setHeader('Cache-Control', 'no-store');
    try {
      await (q.format === 'csv' ? writeLedgerCsv : writeLedgerXlsx)(response, file.info, file.source);
    } catch (error) {
      // Rows have left: the status cannot change, so the transfer is cut and the file is visibly incomplete.
      response.destroy(error as Error);
    }
  }
}
