/**
 * A worker that exports traces runs the workflows with the OpenTelemetry interceptors in its bundle
 * (tracing-interceptors.ts). They must not change a single command: every recorded history of every workflow
 * replays with them as it does without them.
 */
import { join } from 'node:path';
import { loadRecordedHistories, replayRecordedHistories } from '@platform/temporal-kit';

const histories = [
  ...loadRecordedHistories(join(__dirname, 'help-request/histories')),
  ...loadRecordedHistories(join(__dirname, 'household-assistance/histories')),
];

describe('tracing interceptors and replay', () => {
  it('replays every recorded history with the tracing interceptors in the bundle', async () => {
    expect(histories.length).toBeGreaterThan(10);
    const results = await replayRecordedHistories(histories, undefined, { traced: true });
    expect(results.map((r) => [r.workflowId, r.error?.message ?? 'ok'])).toEqual(
      histories.map((h) => [h.workflowId, 'ok']),
    );
  }, 180_000);
});
