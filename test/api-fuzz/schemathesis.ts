import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, STACK_HOME } from '@platform/testing';

/**
 * Random test cases per operation and role (schemathesis' fuzzing phase). With the coverage phase's boundary
 * cases (~50 an operation, once) the four services take ~7,500 requests, about 5 minutes on 2 cores. Raise it
 * with API_FUZZ_MAX_EXAMPLES for a deeper local run.
 */
export const MAX_EXAMPLES = Number(process.env.API_FUZZ_MAX_EXAMPLES ?? 10);
/** A fixed seed keeps CI runs repeatable; API_FUZZ_SEED picks another. */
export const SEED = Number(process.env.API_FUZZ_SEED ?? 962110);

/** The pinned schemathesis of scripts/ensure-schemathesis.sh (installed on first use, then reused). */
export async function schemathesisPath(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [join(REPO_ROOT, 'scripts/ensure-schemathesis.sh')], {
    cwd: REPO_ROOT,
    timeout: 300_000,
  });
  return stdout.trim().split('\n').pop()!;
}

export interface FuzzSummary {
  label: string;
  operations: number;
  cases: number;
  /** 5xx answers (schemathesis' not_a_server_error check). */
  serverErrors: number;
  /** Operations schemathesis could not test (an unusable schema, a request it could not build or send). */
  schemaErrors: number;
  exitCode: number | null;
  /** schemathesis' own report of the failures, with a curl line to reproduce each. */
  output: string;
}

interface JsonReport {
  operations: { tested: number; errored: number };
  test_cases: { generated: number };
  failures: Array<{ type: string; count: number; operations: string[] }>;
  errors: unknown[];
}

/**
 * Runs `schemathesis run` against one service's OpenAPI document as one caller (asynchronously: the services
 * answer from this process), checking only that no answer is a 5xx.
 */
export async function fuzz(options: {
  executable: string;
  label: string;
  baseUrl: string;
  token?: string;
  /** Only these operations (ids); all when absent. */
  operationIds?: string[];
  /** The coverage phase (boundary and wrong-typed values of every field) before random fuzzing. */
  coverage: boolean;
  excludePaths?: string[];
}): Promise<FuzzSummary> {
  const workDir = join(STACK_HOME, 'api-fuzz', options.label.replace(/[^\w.-]+/g, '-'));
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const reportPath = join(workDir, 'report.json');
  const args = [
    'run',
    `${options.baseUrl}/docs-json`,
    '--checks=not_a_server_error',
    `--max-examples=${MAX_EXAMPLES}`,
    `--seed=${SEED}`,
    `--phases=${options.coverage ? 'examples,coverage,fuzzing' : 'examples,fuzzing'}`,
    '--workers=1',
    '--request-timeout=30',
    '--generation-database=none',
    '--no-color',
    '--report=json',
    `--report-json-path=${reportPath}`,
    ...(options.token ? ['-H', `Authorization: Bearer ${options.token}`] : []),
    ...(options.operationIds ?? []).map((id) => `--include-operation-id=${id}`),
    ...(options.excludePaths ?? []).map((path) => `--exclude-path=${path}`),
  ];
  const child = spawn(options.executable, args, { cwd: workDir, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as JsonReport;
  } catch {
    throw new Error(
      `schemathesis (${options.label}) wrote no report, exit ${exitCode}:\n${output.slice(-4000)}`,
    );
  }
  return {
    label: options.label,
    operations: report.operations.tested,
    cases: report.test_cases.generated,
    serverErrors: report.failures
      .filter((failure) => failure.type === 'ServerError')
      .reduce((sum, failure) => sum + failure.count, 0),
    schemaErrors: report.operations.errored + report.errors.length,
    exitCode,
    output,
  };
}

export const summaryLine = (summary: FuzzSummary): string =>
  `${summary.label.padEnd(22)} operations ${String(summary.operations).padStart(3)}, ` +
  `cases ${String(summary.cases).padStart(5)}, server errors ${summary.serverErrors}, ` +
  `schema errors ${summary.schemaErrors}`;

/** The failures section of schemathesis' output (each with a curl line), else its last lines. */
export function failuresOf(output: string): string {
  const start = output.indexOf('= FAILURES =');
  return start >= 0 ? output.slice(output.lastIndexOf('\n', start) + 1).slice(0, 8000) : output.slice(-4000);
}
