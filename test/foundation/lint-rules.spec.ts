import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@platform/testing';

/**
 * The architecture rules live in lint; these specs prove they bite. ESLint runs as its own process
 * (its flat config is an ES module, which Jest's sandbox does not load).
 */
describe('architecture lint rules', () => {
  async function ruleIds(code: string, file: string): Promise<string[]> {
    const run = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/eslint/bin/eslint.js'),
        '--format',
        'json',
        '--stdin',
        '--stdin-filename',
        file,
      ],
      { cwd: REPO_ROOT, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
    );
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
    return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
  }

  it('refuses Node built-ins and I/O libraries in workflow code', async () => {
    const messages = await ruleIds(
      "import { readFileSync } from 'node:fs';\nimport { Client } from '@temporalio/client';\nimport { DataSource } from 'typeorm';\nexport const x = [readFileSync, Client, DataSource];\n",
      'workflows/src/lint-probe.workflow.ts',
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(3);
  });

  it('allows activities in workflow code only as type imports', async () => {
    const valueImport = await ruleIds(
      "import { registerPerson } from '../people/people.activities';\nexport const x = registerPerson;\n",
      'workflows/src/lint-probe.workflow.ts',
    );
    expect(valueImport.join('\n')).toMatch(/no-restricted-imports: .*Import activities with `import type`/);
    const typeImport = await ruleIds(
      "import type * as activities from '../people/people.activities';\nexport type A = typeof activities;\n",
      'workflows/src/lint-probe.workflow.ts',
    );
    expect(typeImport.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([]);
  });

  it('keeps the pure contracts library free of I/O dependencies', async () => {
    const messages = await ruleIds(
      "import { createServiceDataSource } from '@platform/database';\nexport const x = createServiceDataSource;\n",
      'libs/contracts/src/lint-probe.ts',
    );
    expect(messages.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('keeps services out of each other and off the test harness outside specs', async () => {
    const crossService = await ruleIds(
      "import { AppModule } from '../../people/src/app.module';\nexport const x = AppModule;\n",
      'apps/jobs/src/lint-probe.ts',
    );
    expect(crossService.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
    const harness = await ruleIds(
      "import { startTestService } from '@platform/testing';\nexport const x = startTestService;\n",
      'apps/jobs/src/lint-probe.ts',
    );
    expect(harness.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });
});
