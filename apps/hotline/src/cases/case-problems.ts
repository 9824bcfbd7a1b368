import { HttpStatus } from '@nestjs/common';
import {
  ApplicationFailure,
  isGrpcDeadlineError,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { HelpRequestErrors } from '@platform/contracts';
import { FieldError, ProblemException } from '@platform/nest-kit';

export const invalid = (errors: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Request validation failed / 请求校验失败', errors);

export const fieldError = (field: string, rule: string, zh: string, en: string): FieldError => ({
  field,
  rule,
  message: { zh: `${field}：${zh}`, en: `${field}: ${en}` },
});

/** Also for cases outside the caller's scope: their existence is not revealed. */
export const caseNotFound = (id: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, `No case has id ${id} / 案件 ${id} 不存在`);

const REJECTIONS: Record<string, { status: number; zh: string }> = {
  [HelpRequestErrors.invalid]: { status: HttpStatus.BAD_REQUEST, zh: '案件操作无效' },
  [HelpRequestErrors.ended]: { status: HttpStatus.CONFLICT, zh: '案件已结束' },
  [HelpRequestErrors.conflict]: { status: HttpStatus.CONFLICT, zh: '案件当前状态不允许此操作' },
  [HelpRequestErrors.unknownReferral]: { status: HttpStatus.NOT_FOUND, zh: '案件中没有此推荐记录' },
  [HelpRequestErrors.unavailable]: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    zh: '相关服务暂时不可用，请稍后重试',
  },
};

/** The run of a finished case is over: updates find no running workflow, which is a conflict, not a 404. */
export const caseEnded = (state: string) =>
  new ProblemException(HttpStatus.CONFLICT, `案件已结束 / case is ${state}`, [
    { field: 'case', rule: HelpRequestErrors.ended, message: { zh: '案件已结束', en: `case is ${state}` } },
  ]);
/**
 * Turns what the case workflow answered into a problem: update validators reject with an ApplicationFailure
 * typed from HelpRequestErrors (English message, no personal data), prefixed here with a Chinese title.
 * Anything else is rethrown (a 500, logged).
 */
export function workflowProblem(error: unknown, caseId: string): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    const rejection = REJECTIONS[failure.type ?? ''] ?? REJECTIONS[HelpRequestErrors.invalid];
    return new ProblemException(rejection.status, `${rejection.zh} / ${failure.message}`, [
      { field: 'case', rule: failure.type ?? 'rejected', message: { zh: rejection.zh, en: failure.message } },
    ]);
  }
  if (error instanceof WorkflowNotFoundError) return caseNotFound(caseId);
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isUnansweredCall(error)) {
    return new ProblemException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The case workflow did not answer in time; try again / 案件流程未及时响应，请重试',
    );
  }
  if (isFailingWorkflowTask(error)) {
    return new ProblemException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The case workflow is failing and cannot be read now (see the worker log) / 案件流程运行异常，暂时无法读取',
    );
  }
  return error;
}

const FAILED_PRECONDITION = 9;
/** CANCELLED, RESOURCE_EXHAUSTED, UNAVAILABLE. */
const RETRYABLE_CODES = new Set([1, 8, 14]);

/**
 * Nobody answered in time, or Temporal could not take the call now: worth a retry. At its deadline grpc-js
 * ends a call as DEADLINE_EXCEEDED or, racing with the cancel it sends, as CANCELLED; the server says "no
 * poller seen" when no worker has polled the queue for a while.
 */
export function isUnansweredCall(error: unknown): boolean {
  if (isGrpcDeadlineError(error)) return true;
  const grpc = grpcCause(error);
  if (!grpc) return false;
  return (
    RETRYABLE_CODES.has(grpc.code) ||
    (grpc.code === FAILED_PRECONDITION && /no poller seen/i.test(grpc.details ?? ''))
  );
}

/** FAILED_PRECONDITION otherwise: a query on a workflow whose task keeps failing (the worker logs why). */
function isFailingWorkflowTask(error: unknown): boolean {
  return grpcCause(error)?.code === FAILED_PRECONDITION;
}

function grpcCause(error: unknown) {
  return error instanceof ServiceError && isGrpcServiceError(error.cause) ? error.cause : undefined;
}
