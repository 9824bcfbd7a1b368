import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { validate } from '@readme/openapi-parser';
import request from 'supertest';
import { configureHttpApp, IdParams, LoggingModule } from '@platform/nest-kit';
import { startPlatform, Platform } from '../e2e/support/platform';
// The hotline signs every role's token at login, as in production; no spec signs tokens itself.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { tokenFor } from '../../apps/hotline/src/identity/testing/hotline-test-app';
import {
  failuresOf,
  fuzz,
  FuzzSummary,
  MAX_EXAMPLES,
  schemathesisPath,
  SEED,
  summaryLine,
} from './schemathesis';

/**
 * The HTTP services' OpenAPI documents are valid (client generators and fuzzers can use them) and
 * schemathesis, fuzzing every operation of every service with each role's token, never gets a 5xx.
 * Needs the stack (real Postgres, Kafka, Temporal) and Python 3 (schemathesis is installed on first use).
 */

const SERVICES = ['hotline', 'people', 'jobs', 'employers'] as const;
/**
 * One demo account per role: the token of each is what the console would send. Each operation gets the
 * coverage phase as the first role here that may call it, and random fuzzing as every role that may.
 */
const ACCOUNTS = {
  operator: 'operator.wuhou',
  supervisor: 'supervisor.wuhou',
  employer: 'employer.demo',
  admin: 'admin',
} as const;
/** A server-sent event stream never ends: a fuzzer's request would only time out. */
const NOT_FUZZED = ['/board/stream'];

let executable: string;

beforeAll(async () => {
  executable = await schemathesisPath();
}, 300_000);

describe('the fuzz harness', () => {
  @Controller('canary')
  class ThrowingController {
    @Get(':id')
    get(@Param() { id }: IdParams): never {
      throw new Error(`a bug in a route (${id})`);
    }
  }
  @Module({ imports: [LoggingModule.forService('canary', 'silent')], controllers: [ThrowingController] })
  class CanaryModule {}

  it('fails on a route that throws (the check can fail)', async () => {
    const app = await NestFactory.create(CanaryModule, { logger: false });
    configureHttpApp(app, { title: 'canary' });
    await app.listen(0, '127.0.0.1');
    try {
      const summary = await fuzz({
        executable,
        label: 'canary',
        baseUrl: await baseUrl(app),
        coverage: false,
      });
      expect(summary.operations).toBe(1);
      expect(summary.serverErrors).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('the services', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
  }, 240_000);

  afterAll(async () => {
    await platform?.close();
  }, 60_000);

  it.each(SERVICES)(
    '%s publishes a valid OpenAPI 3 document, path parameters and bodies typed',
    async (service) => {
      const response = await request(platform.urls[service]).get('/docs-json').expect(200);
      const document = response.body as OpenApiDocument;

      const result = await validate(structuredClone(document) as never);
      expect(result.valid ? [] : result.errors).toEqual([]);
      expect(untypedParts(document)).toEqual([]);
    },
  );

  // The hotline last: its fuzzed logins use up the login attempts the other services' runs sign in with.
  it.each(['people', 'jobs', 'employers', 'hotline'] as const)(
    '%s answers no fuzzed request with a 5xx, whatever the role',
    async (service) => {
      const document = (await request(platform.urls[service]).get('/docs-json').expect(200))
        .body as OpenApiDocument;
      const summaries: FuzzSummary[] = [];
      // Fresh sessions for this service's runs (a fuzzed POST /auth/logout ends its own), signed in before any
      // run: fuzzing POST /auth/login uses up this address' login attempts for a minute.
      const tokens = new Map<string, string>();
      for (const [role, username] of Object.entries(ACCOUNTS))
        tokens.set(role, await tokenFor(platform.hotline, username));
      for (const [role, token] of tokens) {
        const { first, also } = operationsFor(document, role);
        for (const [operationIds, coverage] of [
          [first, true],
          [also, false],
        ] as const) {
          if (!operationIds.length) continue;
          const label = `${service}-as-${role}${coverage ? '' : '-fuzz'}`;
          const baseUrl = platform.urls[service];
          summaries.push(
            await fuzz({
              executable,
              label,
              baseUrl,
              token,
              operationIds,
              coverage,
              excludePaths: NOT_FUZZED,
            }),
          );
        }
      }
      console.log(
        `schemathesis ${service} (--max-examples ${MAX_EXAMPLES}, --seed ${SEED}):\n` +
          summaries.map(summaryLine).join('\n'),
      );
      const failed = summaries.filter((summary) => summary.serverErrors > 0 || summary.schemaErrors > 0);
      // schemathesis' own report names each failing operation with a curl line to reproduce it.
      expect(failed.map((summary) => `${summaryLine(summary)}\n${failuresOf(summary.output)}`)).toEqual([]);
      for (const summary of summaries) expect(summary.operations).toBeGreaterThan(0);
    },
    20 * 60_000,
  );
});

async function baseUrl(app: { getUrl(): Promise<string> }): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

interface SchemaObject {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  allOf?: unknown[];
  oneOf?: unknown[];
  anyOf?: unknown[];
  properties?: Record<string, SchemaObject>;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        'x-roles'?: string[];
        requestBody?: { content: Record<string, { schema?: SchemaObject }> };
      }
    >
  >;
  components: { schemas: Record<string, SchemaObject> };
}

/**
 * The operations a role may call (`x-roles` lists it, or names no role), split into those it is the first
 * of ACCOUNTS' roles to call and the rest. The others answer 403 before any input is read: fuzzing them as
 * this role would spend the time budget on the guard.
 */
function operationsFor(document: OpenApiDocument, role: string): { first: string[]; also: string[] } {
  const mayCall = (operation: { 'x-roles'?: string[] }, who: string) =>
    !operation['x-roles'] || operation['x-roles'].includes(who);
  const operations = Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .filter((operation) => mayCall(operation, role));
  const isFirst = (operation: { 'x-roles'?: string[] }) =>
    Object.keys(ACCOUNTS).find((who) => mayCall(operation, who)) === role;
  return {
    first: operations.filter(isFirst).map((operation) => operation.operationId),
    also: operations.filter((operation) => !isFirst(operation)).map((operation) => operation.operationId),
  };
}

/** Request bodies without a JSON schema, and schema properties without a type: what a client cannot build. */
function untypedParts(document: OpenApiDocument): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.requestBody && !operation.requestBody.content['application/json']?.schema)
        problems.push(`${method.toUpperCase()} ${path}: body without a JSON schema`);
    }
  }
  const typed = (schema: SchemaObject) =>
    ['type', '$ref', 'enum', 'allOf', 'oneOf', 'anyOf'].some((key) => key in schema);
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
      if (!typed(propertySchema)) problems.push(`${name}.${property}: no type`);
    }
  }
  return problems;
}
