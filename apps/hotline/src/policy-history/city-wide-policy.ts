import { applyDecorators, HttpStatus } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { AuthenticatedUser } from '@platform/auth';
import { FieldError, ProblemException, trim } from '@platform/nest-kit';
import { mayChangeCityWideSettings } from '../org-tree/area-scope';

/** The rules every city-wide policy held as data shares (case policy, household policy), besides its history. */

/** 403 unless the caller may change a city-wide policy; `what` names it in English and Chinese. */
export function assertMayChangeCityWidePolicy(
  user: AuthenticatedUser,
  what: { en: string; zh: string },
): void {
  if (!mayChangeCityWideSettings(user))
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      `Only an admin or a city-level supervisor may change ${what.en} / 仅系统管理员或市级督导可修改${what.zh}`,
    );
}

/**
 * The follow-up months must be strictly ascending (each month once): the workflow schedules them in order.
 * `zhName` is how the policy's screen calls the months.
 */
export function followUpMonthsError(months: number[], zhName: string): FieldError | undefined {
  if (!months.some((month, i) => i > 0 && month <= months[i - 1])) return undefined;
  return {
    field: 'followUpMonths',
    rule: 'ascending',
    message: {
      zh: `followUpMonths：${zhName}必须严格递增`,
      en: 'followUpMonths: the months must be strictly ascending',
    },
  };
}

/** 400 with every broken rule, when there is one. */
export function throwIfPolicyErrors(errors: Array<FieldError | undefined>): void {
  const broken = errors.filter((error): error is FieldError => error !== undefined);
  if (broken.length)
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'Request validation failed / 请求校验失败', broken);
}

/** A change body's follow-up months: 1 to 6 of them, each 1–24 (ascending is checked by followUpMonthsError). */
export function FollowUpMonthsRules(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(6),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(24, { each: true }),
  );
}

/** Why a change is made: required, 2–500 characters after trimming; kept in the history. */
export function ChangeReasonRules(): PropertyDecorator {
  return applyDecorators(Transform(trim), IsString(), MinLength(2), MaxLength(500));
}
