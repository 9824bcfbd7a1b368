import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { REPO_ROOT } from '@platform/testing';
import { workflowBundleCodeOptions } from '@platform/temporal-kit';

// The bundler is the last line of defence after lint: a workflow that imports something
// non-deterministic must fail CI, not production.
describe('workflow bundle', () => {
  it('bundles every workflow of the hotline worker', async () => {
    const bundle = await bundleWorkflowCode({ ...workflowBundleCodeOptions(), logger: silentLogger });
    expect(bundle.code).toContain('timerCheck');
  }, 120_000);

  it('fails when workflow code imports a Node built-in', async () => {
    // Inside the repository (git-ignored tmp/) so that @temporalio/workflow resolves as for real code.
    mkdirSync(join(REPO_ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(REPO_ROOT, 'tmp', 'bad-workflow-'));
    const file = join(dir, 'bad.workflow.ts');
    writeFileSync(
      file,
      "import { readFileSync } from 'fs';\nexport async function bad(): Promise<string> { return readFileSync('/etc/hostname', 'utf8'); }\n",
    );
    try {
      await expect(
        bundleWorkflowCode({ ...workflowBundleCodeOptions(file), logger: silentLogger }),
      ).rejects.toThrow(/importing the following disallowed modules[\s\S]*'fs'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

const silentLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
