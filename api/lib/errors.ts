import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorCode } from '../../domain/errors.js';
import type { AppEnv } from './context.js';
import type { FieldIssue } from '../contracts/common.js';

/** The one table from business error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  CAMPAIGN_EXISTS: 409,
  UNKNOWN_TEMPLATE: 400,
  DEPENDENCY_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
}

export function errorBody(code: ErrorCode, message: string, issues?: FieldIssue[]): ErrorBody {
  return { error: issues ? { code, message, issues } : { code, message } };
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof DomainError) {
    const issues = Array.isArray(err.details) ? (err.details as FieldIssue[]) : undefined;
    return c.json(errorBody(err.code, err.message, issues), HTTP_STATUS[err.code]);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) {
      return c.json(errorBody('PAYLOAD_TOO_LARGE', '请求内容过大'), 413);
    }
    if (err.status === 400 && /json/i.test(err.message)) {
      return c.json(errorBody('MALFORMED_JSON', '请求体不是合法的 JSON'), 400);
    }
    if (err.status === 401) return c.json(errorBody('UNAUTHENTICATED', '未登录或令牌无效'), 401);
    if (err.status === 415) {
      return c.json(
        errorBody(
          'UNSUPPORTED_MEDIA_TYPE',
          '请求体格式不受支持：请使用 Content-Type: application/json',
        ),
        415,
      );
    }
  }
  c.var.logger?.error('unhandled error', {
    path: c.req.path,
    error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
  return c.json(errorBody('INTERNAL', '服务器内部错误'), 500);
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody('NOT_FOUND', `未找到：${c.req.method} ${c.req.path}`), 404);

export const notFoundError = (what: string) => new DomainError('NOT_FOUND', `${what}不存在`);

/** A write based on a version someone else has since changed: the loser gets 409, not an overwrite. */
export const staleVersionError = () =>
  new DomainError('CONFLICT', '记录已被他人修改，请刷新后按最新版本重试');

/** A 400 naming one field, for rules zod cannot see (e.g. a category of another campaign). */
export const fieldError = (path: string, message: string) =>
  new DomainError('VALIDATION_FAILED', '请求参数校验失败', [{ path, message }]);
