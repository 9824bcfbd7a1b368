/**
 * Replays the histories the workflow spec recorded (RECORD_HISTORIES=1, protobuf-encoded) against the current code: a change that
 * alters the commands an existing case would issue must be guarded by `patched()` or this fails (see
 * docs/case-workflow.md). A deliberately non-deterministic variant proves the check can fail.
 */
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { loadRecordedHistories, replayRecordedHistories } from '@platform/temporal-kit';

const histories = loadRecordedHistories(join(__dirname, 'histories'));
const replayAll = (workflowsPath?: string) => replayRecordedHistories(histories, workflowsPath);

describe('helpRequest replay', () => {
  it('has recorded histories of the workflow spec cases', () => {
    expect(histories.map((h) => h.workflowId)).toEqual(
      expect.arrayContaining([
        'placed-in-time',
        'escalated-welfare',
        'breach-weekend',
        'follow-up-reopens',
        // escalateNow (patch `escalate-now`) and timeline facts; a calendar change that moves nothing
        // (patch `quiet-unchanged-sla`).
        'escalate-now',
        'calendar-unchanged',
        // policy and SLA carried in the input (patch `prepared-at-intake`), then reopened
        'prepared-at-intake',
        // an intake on the dev server (search attributes upserted), payloads decoded
        'intake-dev-server',
        // case events as local activities (patch `case-events-local`) in placed-in-time; before it, in .r3
        'placed-in-time.r3',
        // revision 1: patches built in, no markers (`current-revision`); the same cases from before in .r4
        'current-revision',
        // a refused registration sent again with corrections (the retryRegistration update)
        'registration-retry',
        'placed-in-time.r4',
        // revision 2: the caller registered by the hotline during the call (patch `registered-at-intake`)
        'registered-at-intake',
        // revision 3, on the dev server (payloads decoded): started as registered, its intake upserts nothing.
        // (The SDK's replay tolerates an upsert missing from history, so the skip itself is checked by the
        // hardship e2e spec, not here.)
        'registered-status-at-start',
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
