/**
 * Replays the histories the workflow spec recorded (RECORD_HISTORIES=1, protobuf-encoded) against the current
 * code, bundled as the hotline worker bundles it: a change that alters the commands a running episode would issue
 * must be guarded by `patched()` or this fails (docs/household-workflow.md). A deliberately non-deterministic
 * variant proves the check can fail.
 */
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { loadRecordedHistories, replayRecordedHistories } from '@platform/temporal-kit';

const histories = loadRecordedHistories(join(__dirname, 'histories'));
const replayAll = (workflowsPath?: string) => replayRecordedHistories(histories, workflowsPath);

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
