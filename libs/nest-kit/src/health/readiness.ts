import { Controller, Get, HttpStatus, Inject, Module, DynamicModule, Res, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Response } from 'express';
import { Public } from '@platform/auth';

/** A dependency the service cannot work without (database, Kafka, Temporal). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

const READINESS_CHECK_TYPES = Symbol('READINESS_CHECK_TYPES');
const CHECK_TIMEOUT_MS = 3000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(READINESS_CHECK_TYPES) private readonly checkTypes: Type<ReadinessCheck>[],
  ) {}

  /** The process is alive: no dependency is consulted. */
  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to take work: every dependency answers within its timeout. */
  @Public()
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const results = await Promise.all(
      this.checkTypes.map(async (type) => {
        const check = this.moduleRef.get(type, { strict: false });
        try {
          await withTimeout(check.check(), CHECK_TIMEOUT_MS);
          return [check.name, { status: 'up' }] as const;
        } catch (error) {
          return [
            check.name,
            { status: 'down', reason: error instanceof Error ? error.message : String(error) },
          ] as const;
        }
      }),
    );
    const ready = results.every(([, result]) => result.status === 'up');
    response
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Module({})
export class HealthModule {
  /** `checks` are providers the importing module already provides (or provides here). */
  static register(checks: Type<ReadinessCheck>[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECK_TYPES, useValue: checks }],
    };
  }
}
