import { ValidateIf } from 'class-validator';

/**
 * The field may be left out (its default applies), but `null` is validated like any other value and refused.
 * `@IsOptional()` would let null through and replace the default, so service code met a null it never expects.
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
