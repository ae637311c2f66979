import type { IncomingMessage } from 'node:http';

export type BodyRead = { ok: true; body: Buffer } | { ok: false; status: 413; message: string };

/**
 * Reads a request body into memory, refusing it (before anything parses it) as soon as it is known to exceed
 * `maxBytes`: at once from Content-Length, or while streaming a chunked body. The caller answers 413 with
 * `Connection: close` so the rest of an oversized body is never read.
 */
export function readBodyWithin(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const tooLarge = { ok: false, status: 413, message: `Request body exceeds the limit of ${maxBytes} bytes (MAX_REQUEST_BYTES)` } as const;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.pause();
        resolve(tooLarge);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.once('error', reject);
  });
}
