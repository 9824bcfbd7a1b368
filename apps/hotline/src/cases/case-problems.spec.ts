import {
  ApplicationFailure,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { HelpRequestErrors } from '@platform/contracts';
import { ProblemException } from '@platform/nest-kit';
import { workflowProblem } from './case-problems';
import { canonicalJson } from './cases.service';

/** What the Temporal client throws for a call the server (or grpc-js) ended with this gRPC status. */
const failedCall = (code: number, details: string) =>
  new ServiceError('Failed to query Workflow', {
    cause: Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} }),
  });

const rejected = (type: string, message: string) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message }));

describe('workflowProblem', () => {
  it.each([
    [HelpRequestErrors.invalid, 400, '案件操作无效'],
    [HelpRequestErrors.ended, 409, '案件已结束'],
    [HelpRequestErrors.conflict, 409, '案件当前状态不允许此操作'],
    [HelpRequestErrors.unknownReferral, 404, '案件中没有此推荐记录'],
  ])(
    'maps an update rejected with %s to %i with a Chinese title and the English message',
    (type, status, zh) => {
      const problem = workflowProblem(rejected(type, 'the reason'), 'case-1') as ProblemException;
      expect(problem).toBeInstanceOf(ProblemException);
      expect(problem.getStatus()).toBe(status);
      expect(problem.message).toBe(`${zh} / the reason`);
      expect(problem.fieldErrors).toEqual([{ field: 'case', rule: type, message: { zh, en: 'the reason' } }]);
    },
  );

  it('maps a workflow that does not exist to 404', () => {
    const problem = workflowProblem(new WorkflowNotFoundError('gone', 'case-1', undefined), 'case-1');
    expect((problem as ProblemException).getStatus()).toBe(404);
  });

  it('maps a query on a workflow whose task keeps failing to 503, not 500', () => {
    const error = failedCall(9, 'Unable to query workflow due to Workflow Task in failed state.');
    const problem = workflowProblem(error, 'case-1');
    expect((problem as ProblemException).getStatus()).toBe(503);
    expect((problem as ProblemException).message).toMatch(/案件流程运行异常/);
  });

  it.each([
    [4, 'query timed out before a worker could process it'],
    // grpc-js, at the deadline it was given, sometimes reports its own cancel instead of the deadline.
    [1, 'Call cancelled'],
    [9, 'no poller seen for task queue recently, worker may be down'],
    [14, 'shard unavailable, please backoff and retry'],
    [8, 'namespace rate limit exceeded'],
  ])('maps a call ended with gRPC code %i (%s) to 503 "try again", not 500', (code, details) => {
    const problem = workflowProblem(failedCall(code, details), 'case-1') as ProblemException;
    expect(problem).toBeInstanceOf(ProblemException);
    expect(problem.getStatus()).toBe(503);
    expect(problem.message).toMatch(/案件流程未及时响应/);
  });

  it('leaves anything else alone (a 500 that is logged)', () => {
    const error = new Error('connection refused');
    expect(workflowProblem(error, 'case-1')).toBe(error);
  });
});

describe('canonicalJson', () => {
  it('is independent of key order at every level and skips undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 2 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [2, { e: 2, f: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});
