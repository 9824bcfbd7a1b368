import { HttpException } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ProblemException, toFieldErrors } from '@platform/nest-kit';

/**
 * Activity inputs get the same validation as HTTP bodies; a rule broken by the caller (4xx) is a non-retryable
 * failure whose type names the status, so the workflow can branch on it instead of retrying forever.
 */
export async function validated<T extends object>(type: new () => T, input: unknown): Promise<T> {
  const value = plainToInstance(type, input ?? {});
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length)
    throw ApplicationFailure.create({
      message: 'Invalid activity input / 活动参数有误',
      type: 'Problem400',
      nonRetryable: true,
      details: [toFieldErrors(errors)],
    });
  return value;
}

export async function asActivity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() < 500)
      throw ApplicationFailure.create({
        message: error.message,
        type: `Problem${error.getStatus()}`,
        nonRetryable: true,
        // The field errors name field and rule in both languages, never the value (as in HTTP answers).
        ...(error instanceof ProblemException && error.fieldErrors.length
          ? { details: [error.fieldErrors] }
          : {}),
      });
    throw error;
  }
}
