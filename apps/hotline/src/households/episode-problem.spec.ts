import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { ProblemException } from '@platform/nest-kit';
import { episodeProblem } from './households.service';

describe('episodeProblem', () => {
  it.each([
    [4, 'query timed out before a worker could process it'],
    [1, 'Call cancelled'],
    [14, 'shard unavailable, please backoff and retry'],
  ])('maps a query ended with gRPC code %i (%s) to 503 "try again", not 500', (code, details) => {
    const grpc = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
    const problem = episodeProblem(new ServiceError('Failed to query Workflow', { cause: grpc }), 'e-1');
    expect(problem).toBeInstanceOf(ProblemException);
    expect((problem as ProblemException).getStatus()).toBe(503);
    expect((problem as ProblemException).message).toMatch(/家庭援助流程未及时响应/);
  });

  it('maps an ended episode to 409 and leaves anything else alone', () => {
    const ended = episodeProblem(new WorkflowNotFoundError('gone', 'e-1', undefined), 'e-1');
    expect((ended as ProblemException).getStatus()).toBe(409);
    const other = new Error('connection refused');
    expect(episodeProblem(other, 'e-1')).toBe(other);
  });
});
