import { ValidationError } from 'class-validator';
import { FieldError } from './problem-details';

/** Chinese wording for class-validator's rules; the English comes from class-validator itself. */
const CHINESE: Record<string, string> = {
  isDefined: '必须填写',
  isNotEmpty: '不能为空',
  isString: '必须是字符串',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是布尔值',
  isEnum: '不在允许的取值范围内',
  isIn: '不在允许的取值范围内',
  isUUID: '必须是 UUID',
  isUuid: '必须是 UUID',
  arrayUnique: '数组元素不能重复',
  isEmail: '必须是电子邮箱地址',
  isDateString: '必须是 ISO-8601 日期时间',
  isISO8601: '必须是 ISO-8601 日期时间',
  minLength: '长度过短',
  maxLength: '长度过长',
  length: '长度不符合要求',
  isLength: '长度不符合要求',
  isLatitude: '必须是有效的纬度',
  isLongitude: '必须是有效的经度',
  isObject: '必须是对象',
  isPositive: '必须是正数',
  arrayNotEmpty: '数组不能为空',
  min: '数值过小',
  max: '数值过大',
  matches: '格式不正确',
  isArray: '必须是数组',
  arrayMaxSize: '数组元素过多',
  arrayMinSize: '数组元素过少',
  whitelistValidation: '不允许的字段',
  nestedValidation: '嵌套字段有误',
};

/** Flattens class-validator errors (nested too) into one entry per field and rule. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, english]) => ({
      field,
      rule,
      message: {
        zh: `${field}：${rule === 'whitelistValidation' ? '不允许提交此字段' : (CHINESE[rule] ?? '不符合规则')}`,
        en: rule === 'whitelistValidation' ? `${field}: this field is not allowed` : english,
      },
    }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}
