import type { IncomingMessage } from 'node:http';

/** Whether a socket's remote address is this machine (the only caller the demo key is shown to). */
export const isLoopbackAddress = (address: string | undefined): boolean =>
  !!address && /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/.test(address);

/**
 * The key a page may prefill for this caller: the demo key (embedded demo mode, generated key only) for a browser on
 * this machine, nothing for anyone else who reaches the port. The one rule for GraphiQL and /admin/docs alike.
 */
export function demoKeyFor(demoApiKey: string | undefined, req: Pick<IncomingMessage, 'socket'> | undefined): string | undefined {
  return demoApiKey && isLoopbackAddress(req?.socket.remoteAddress) ? demoApiKey : undefined;
}
