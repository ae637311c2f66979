import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../access/principal';
import { AccessDenied } from '../access/principal';
import type { Metrics } from './metrics';

/** GET /metrics: Prometheus text for an admin key or session (the same authenticator as everything else). */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  { metrics, authenticate }: { metrics: Metrics; authenticate: (authorization: string | undefined) => Promise<Principal> },
) {
  try {
    await authenticate(req.headers.authorization);
  } catch (error) {
    if (!(error instanceof AccessDenied)) throw error;
    res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', ...(error.status === 401 ? { 'www-authenticate': 'Bearer' } : {}) });
    res.end(JSON.stringify({ detail: error.detail }));
    return;
  }
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(body);
}
