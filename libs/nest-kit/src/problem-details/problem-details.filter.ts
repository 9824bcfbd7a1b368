import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FieldError, PROBLEM_JSON, ProblemDetails, problemTitle, problemType } from './problem-details';

/** An HTTP error that already carries field-level errors in both languages. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(detail, status);
  }
}

/** Every error leaves as problem+json; unexpected ones as a bare 500 that reveals nothing. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    if (request.id) problem.correlationId = String(request.id);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, status: problem.status }, 'request failed');
    }
    response.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) {
      const status = exception.getStatus();
      return {
        type: problemType(status),
        title: problemTitle(status),
        status,
        detail: exception.message,
        ...(exception.fieldErrors.length ? { errors: exception.fieldErrors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray((body as { message?: unknown }).message)
            ? (body as { message: string[] }).message.join('; ')
            : String((body as { message?: unknown }).message ?? exception.message);
      return { type: problemType(status), title: problemTitle(status), status, detail };
    }
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return {
      type: problemType(status),
      title: problemTitle(status),
      status,
      detail: 'Unexpected error / 系统异常',
    };
  }
}
