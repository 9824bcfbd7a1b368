/** RFC 9457 problem details, with field-level errors in Chinese and English. */
export interface FieldError {
  field: string;
  rule: string;
  message: { zh: string; en: string };
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
}

export const PROBLEM_JSON = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request / 请求有误',
  401: 'Unauthorized / 未认证',
  403: 'Forbidden / 无权访问',
  404: 'Not Found / 未找到',
  409: 'Conflict / 冲突',
  413: 'Content Too Large / 请求体过大',
  415: 'Unsupported Media Type / 不支持的内容类型',
  422: 'Unprocessable Content / 无法处理',
  423: 'Locked / 已锁定',
  429: 'Too Many Requests / 请求过于频繁',
  500: 'Internal Server Error / 服务器内部错误',
  503: 'Service Unavailable / 服务不可用',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? `HTTP ${status}`;
}

export function problemType(status: number): string {
  return `urn:problem:962110:http-${status}`;
}
