import { Inject, Injectable } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { ReadinessCheck } from '@platform/nest-kit';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

@Injectable()
export class TemporalReadiness implements ReadinessCheck {
  readonly name = 'temporal';
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async check(): Promise<void> {
    await this.connection.workflowService.getSystemInfo({});
  }
}
