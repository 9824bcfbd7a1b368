import { INestApplication } from '@nestjs/common';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ProblemException } from './problem-details.filter';

/** What body-parser's errors (http-errors) carry: a 4xx status and a machine-readable type. */
interface BodyParserError {
  status?: number;
  type?: string;
}

const BODY_ERRORS: Record<string, { rule: string; zh: string; en: string }> = {
  'entity.parse.failed': {
    rule: 'json',
    zh: '请求体不是有效的 JSON',
    en: 'the request body is not valid JSON',
  },
  'entity.too.large': { rule: 'maxSize', zh: '请求体过大', en: 'the request body is too large' },
  'encoding.unsupported': {
    rule: 'encoding',
    zh: '不支持该内容编码',
    en: 'the content encoding is not supported',
  },
  'charset.unsupported': { rule: 'charset', zh: '不支持该字符集', en: 'the charset is not supported' },
  'request.size.invalid': {
    rule: 'contentLength',
    zh: '请求体长度与 Content-Length 不符',
    en: 'the request body does not match its Content-Length',
  },
  'parameters.too.many': { rule: 'maxFields', zh: '字段过多', en: 'the body has too many fields' },
};

/** A body that cannot be read answers its 4xx (400, 413, 415) as bilingual problem details, never a 500. */
export function toBodyProblem(error: unknown): unknown {
  const { status, type } = (error ?? {}) as BodyParserError;
  if (typeof status !== 'number' || status < 400 || status >= 500) return error;
  const known = BODY_ERRORS[type ?? ''] ?? {
    rule: 'readable',
    zh: '请求体无法读取',
    en: 'the request body cannot be read',
  };
  return new ProblemException(status, `Unreadable request body / 请求体无法读取`, [
    { field: 'body', rule: known.rule, message: { zh: `body：${known.zh}`, en: `body: ${known.en}` } },
  ]);
}

/**
 * Express' JSON and form parsers as Nest would register them (same options), but their errors reach the
 * problem-details filter as ProblemExceptions. The names make Nest skip its own parsers.
 */
export function useProblemBodyParsers(app: INestApplication): void {
  const wrap = (parser: RequestHandler): RequestHandler =>
    function (request: Request, response: Response, next: NextFunction) {
      parser(request, response, (error?: unknown) => next(error ? toBodyProblem(error) : undefined));
    };
  const jsonParser = wrap(json());
  const urlencodedParser = wrap(urlencoded({ extended: true }));
  Object.defineProperty(jsonParser, 'name', { value: 'jsonParser' });
  Object.defineProperty(urlencodedParser, 'name', { value: 'urlencodedParser' });
  app.use(jsonParser);
  app.use(urlencodedParser);
}
