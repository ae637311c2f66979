import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';

/**
 * CORS for every route alike (/graphql, SSE, /admin/*): only CORS_ORIGINS may call from a browser, preflights are
 * answered here (204), and no credentials mode: the key travels in the Authorization header, never in a cookie.
 * Returns true when the request was a preflight and has been answered.
 */
export function createCors(origins: readonly string[]) {
  const middleware = cors({
    origin: origins.length ? [...origins] : false,
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'WWW-Authenticate'],
    maxAge: 600,
    preflightContinue: false,
    optionsSuccessStatus: 204,
  });
  return (req: IncomingMessage, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve, reject) => {
      // The middleware ends a preflight itself and calls next() for everything else.
      res.once('finish', () => resolve(true));
      middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve(false)));
    });
}
