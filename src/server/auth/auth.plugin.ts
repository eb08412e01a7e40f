import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Principal } from '../access/principal.js';
import { AppError, unauthenticated } from '../errors.js';
import type { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'yanxiu_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without logging in (login, health, docs). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the session cookie or a bearer token, refuses unauthenticated calls
 * to non-public /api routes, and checks the CSRF header on cookie-authenticated writes.
 */
export function registerAuth(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const principal = await auth.fromBearer(header.slice(7).trim());
      if (!principal) throw unauthenticated('访问令牌无效或已撤销');
      request.principal = principal;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await auth.fromSession(token);
      if (found) {
        request.principal = found.principal;
        request.sessionToken = token;
        if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== found.csrf) {
          if (!request.routeOptions.config?.public) {
            throw new AppError('forbidden', '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
          }
        }
      }
    }
  });
  // Before body validation, so an anonymous caller learns nothing about a route's schema.
  // A callback hook: it has nothing to wait for, and an async hook costs a promise on every request.
  app.addHook('preValidation', (request, _reply, done) => {
    const refused = request.url.startsWith('/api/') && !request.routeOptions.config?.public && !request.principal;
    done(refused ? unauthenticated() : undefined);
  });
}

/** The caller of an authenticated route. */
export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.principal) throw unauthenticated();
  return { principal: request.principal, ip: request.ip ?? null };
}
