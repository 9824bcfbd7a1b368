import type { FieldError } from '@platform/nest-kit';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Rules beyond the DTO's length checks; returns the broken ones as field errors on `password`. */
export function passwordPolicyErrors(password: string, username: string): FieldError[] {
  const errors: FieldError[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    errors.push({
      field: 'password',
      rule: 'minLength',
      message: {
        zh: `password：密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`,
        en: `password: must be at least ${PASSWORD_MIN_LENGTH} characters long`,
      },
    });
  }
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    errors.push({
      field: 'password',
      rule: 'notUsername',
      message: { zh: 'password：密码不能与用户名相同', en: 'password: must not be the same as the username' },
    });
  }
  return errors;
}
