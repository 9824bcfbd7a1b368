import { HttpStatus, ValidationPipe } from '@nestjs/common';
import { ProblemException } from './problem-details.filter';
import { toFieldErrors } from './validation-messages';

/** Strict DTO validation: unknown fields are rejected (not silently dropped), payloads are transformed. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new ProblemException(
        HttpStatus.BAD_REQUEST,
        'Request validation failed / 请求校验失败',
        toFieldErrors(errors),
      ),
  });
}
