import { HttpStatus } from '@nestjs/common';
import { FieldError, ProblemException } from '@platform/nest-kit';

export const invalid = (errors: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Request validation failed / 请求校验失败', errors);

export const fieldError = (field: string, rule: string, zh: string, en: string): FieldError => ({
  field,
  rule,
  message: { zh: `${field}：${zh}`, en: `${field}: ${en}` },
});

/** Also used for persons outside the caller's scope: existence is not revealed. */
export const notFound = (what: string, id: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, `No ${what} has id ${id} / ${what} ${id} 不存在`);
