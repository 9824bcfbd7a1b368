/**
 * Replays the histories the workflow spec recorded (RECORD_HISTORIES=1, protobuf-encoded) against the current
 * code, bundled as the hotline worker bundles it: a change that alters the commands a running episode would issue
 * must be guarded by `patched()` or this fails (docs/household-workflow.md). A deliberately non-deterministic
 * variant proves the check can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { workflowBundleCodeOptions } from '@platform/temporal-kit';

const HISTORIES_DIR = join(__dirname, 'histories');
const histories = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.history.bin'))
  .map((file) => ({
    workflowId: file.replace(/\.history\.bin$/, ''),
    history: temporal.api.history.v1.History.decode(readFileSync(join(HISTORIES_DIR, file))),
  }));

async function replayAll(workflowsPath?: string) {
  const workflowBundle = await bundleWorkflowCode(workflowBundleCodeOptions(workflowsPath));
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) results.push(result);
  return results;
}

describe('householdAssistance replay', () => {
  it('has recorded histories of the workflow spec cases', () => {
    expect(histories.map((h) => h.workflowId)).toEqual(
      expect.arrayContaining([
        'resolved-day-19',
        'breached',
        'double-achieved',
        'double-breached',
        'follow-up-reopens',
        'reentered',
        'rejections',
        'no-longer-qualifies',
      ]),
    );
  });

  it('replays every recorded history against the current workflow code', async () => {
    const results = await replayAll();
    expect(results.map((r) => [r.workflowId, r.error?.message ?? 'ok'])).toEqual(
      histories.map((h) => [h.workflowId, 'ok']),
    );
  }, 120_000);

  it('catches a deliberately non-deterministic change', async () => {
    const results = await replayAll(join(__dirname, 'testing/nondeterministic.workflow.ts'));
    expect(results).toHaveLength(histories.length);
    for (const result of results) expect(result.error).toBeInstanceOf(DeterminismViolationError);
  }, 120_000);
});
