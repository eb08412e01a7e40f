/** The closed set of API errors: one JSON shape, stable codes, zh-CN messages. */
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid'
  | 'conflict'
  | 'unauthenticated'
  | 'too_large'
  | 'rate_limited';

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.status = statusOf[code];
    this.details = details;
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** A field-level problem reported inside an `invalid` error. */
export interface FieldProblem {
  field: string;
  message: string;
}

export const notFound = (what = '记录') => new AppError('not_found', `${what}不存在或无权访问`);
export const forbidden = (message = '没有执行此操作的权限', details?: unknown) =>
  new AppError('forbidden', message, details);
export const invalid = (message: string, details?: unknown) => new AppError('invalid', message, details);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const staleVersion = () => conflict('该记录已被他人修改，请刷新后再试');
export const unauthenticated = (message = '请先登录') => new AppError('unauthenticated', message);
export const tooLarge = (message = '内容过大') => new AppError('too_large', message);
export const rateLimited = (message: string) => new AppError('rate_limited', message);
