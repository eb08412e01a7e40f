import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { dbErrorKind } from './db/dialect.js';
import { AppError } from './errors.js';

/** Every error leaves as API.md's one shape; bad input never becomes a 500, and no stack trace leaks. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) return reply.status(err.status).send(err.toJSON());
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(body)',
        message: zhMessage(v.message ?? '', v.keyword),
      }));
      const first = fields[0];
      return reply.status(400).send(
        new AppError('invalid', `输入有误：${first ? `${first.field} ${first.message}` : ''}`.trim(), {
          fields,
        }).toJSON(),
      );
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err: err.cause }, 'response did not match its schema');
      return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误' } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(new AppError('too_large', '上传内容超过大小限制').toJSON());
    }
    if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(400).send(new AppError('invalid', '不支持的内容类型').toJSON());
    }
    if (status >= 400 && status < 500) {
      const message =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? '请求体不是有效的 JSON'
          : '请求无效';
      return reply
        .status(status === 404 ? 404 : 400)
        .send(new AppError(status === 404 ? 'not_found' : 'invalid', message).toJSON());
    }
    const dbError = dbErrorKind(err);
    if (dbError === 'unique') {
      return reply
        .status(409)
        .send(new AppError('conflict', '该记录已存在，或刚被他人同时提交，请刷新后再试').toJSON());
    }
    if (dbError === 'foreign_key') {
      return reply.status(400).send(new AppError('invalid', '引用的记录不存在或已被删除').toJSON());
    }
    if (dbError === 'bad_value') {
      return reply.status(400).send(new AppError('invalid', '输入的值不符合要求').toJSON());
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后再试' } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(new AppError('not_found', `没有这个接口：${request.method} ${request.url.split('?')[0]}`).toJSON());
  });
}

/** zod's English messages for the common cases, in Chinese. */
function zhMessage(message: string, code: unknown): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  switch (code) {
    case 'invalid_type':
      return message.includes('undefined') ? '必填' : '类型不正确';
    case 'too_big':
      return '超出允许的长度或数值';
    case 'too_small':
      return '太短或太小';
    case 'invalid_value':
    case 'invalid_enum_value':
      return '不是允许的取值';
    case 'unrecognized_keys':
      return '含有不认识的字段';
    case 'invalid_format':
    case 'invalid_string':
      return '格式不正确';
    default:
      return '不正确';
  }
}
