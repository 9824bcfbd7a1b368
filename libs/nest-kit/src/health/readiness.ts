import { Controller, Get, HttpStatus, Inject, Module, DynamicModule, Res, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Response } from 'express';
import { Public } from '@platform/auth';

/** A dependency the service cannot work without (database, Kafka, Temporal). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
  /**
   * False for a dependency the service works without for a while (Kafka: the outbox keeps what is to be
   * published): its failure is reported as `degraded` in the body and does not make the service unready.
   */
  readonly critical?: boolean;
  /**
   * Liveness: throws when a part of the process that was running has stopped for good outside shutdown (a
   * crashed activity worker), so the orchestrator restarts the process. Most checks have none.
   */
  alive?(): void;
}

const READINESS_CHECK_TYPES = Symbol('READINESS_CHECK_TYPES');
const CHECK_TIMEOUT_MS = 3000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(READINESS_CHECK_TYPES) private readonly checkTypes: Type<ReadinessCheck>[],
  ) {}

  /**
   * The process is alive: no dependency is consulted, only whether a part that ran in it (an activity worker)
   * has stopped for good; then 503, and the orchestrator restarts the process.
   */
  @Public()
  @Get('live')
  live(@Res() response: Response): void {
    const failures: Array<[string, { status: 'down'; reason: string }]> = [];
    for (const type of this.checkTypes) {
      const check = this.moduleRef.get(type, { strict: false });
      try {
        check.alive?.();
      } catch (error) {
        failures.push([
          check.name,
          { status: 'down', reason: error instanceof Error ? error.message : String(error) },
        ]);
      }
    }
    if (!failures.length) {
      response.status(HttpStatus.OK).json({ status: 'ok' });
      return;
    }
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: 'not alive', checks: Object.fromEntries(failures) });
  }

  /**
   * Ready to take work: every critical dependency answers within its timeout; a non-critical one that does not
   * is reported as `degraded`.
   */
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
            {
              status: check.critical === false ? 'degraded' : 'down',
              reason: error instanceof Error ? error.message : String(error),
            },
          ] as const;
        }
      }),
    );
    const ready = results.every(([, result]) => result.status !== 'down');
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
