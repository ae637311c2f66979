import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { LogEvent } from 'kysely';
import type { Config } from '../config';

/**
 * OpenTelemetry spans for each HTTP request, GraphQL operation and SQL statement, exported over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set. Unset, the SDK is never loaded and every hook below is one `undefined` check.
 */
export class Tracing {
  tracer: Tracer | undefined;
  private shutdownProvider: (() => Promise<void>) | undefined;

  constructor(private readonly settings: Config['tracing']) {}

  async start(): Promise<void> {
    if (!this.settings) return;
    const [{ AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { OTLPTraceExporter }, { resourceFromAttributes }, { BasicTracerProvider, BatchSpanProcessor }] = await Promise.all([
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace-base'),
    ]);
    // Spans find their parent through the active context, carried across awaits by AsyncLocalStorage (once per process).
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    // A caller's W3C `traceparent` (and `tracestate`) makes its span the parent of the request's (once per process).
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const exporter = new OTLPTraceExporter({ url: `${this.settings.endpoint.replace(/\/$/, '')}/v1/traces` });
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': this.settings.serviceName }),
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    this.tracer = provider.getTracer('admin-gateway');
    this.shutdownProvider = () => provider.shutdown();
  }

  /**
   * Runs one HTTP request inside its server span, ended when the response is. The span continues the caller's
   * trace when the request carries a valid `traceparent`; a sampled-out parent (flags 00) is respected.
   */
  aroundRequest<T>(req: IncomingMessage, res: ServerResponse, requestId: string, handle: () => Promise<T>): Promise<T> {
    if (!this.tracer) return handle();
    const pathname = new URL(req.url ?? '/', 'http://gateway').pathname;
    const caller = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = this.tracer.startSpan(
      `${req.method} ${pathname}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': pathname, 'gateway.request_id': requestId } },
      caller,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    return context.with(trace.setSpan(caller, span), handle);
  }

  /** Whether spans are being recorded (an OTLP endpoint is configured and tracing has started). */
  get active(): boolean {
    return this.tracer !== undefined;
  }

  /** A span for a GraphQL operation, child of the request's; `run` executes inside it. */
  operationSpan(name: string, attributes: Record<string, string>): { span: Span; run<T>(execute: () => T): T } | undefined {
    if (!this.tracer) return undefined;
    const span = this.tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes });
    const active = trace.setSpan(context.active(), span);
    return { span, run: (execute) => context.with(active, execute) };
  }

  /** Kysely's query log: a finished statement becomes a client span under whatever span is active. */
  readonly recordStatement = (event: LogEvent) => {
    if (!this.tracer || !trace.getSpan(context.active())) return;
    const sql = event.query.sql;
    const span = this.tracer.startSpan(sql.trimStart().split(/\s/, 1)[0]?.toUpperCase() ?? 'SQL', {
      kind: SpanKind.CLIENT,
      startTime: Date.now() - event.queryDurationMillis,
      attributes: { 'db.system.name': 'postgresql', 'db.query.text': sql.length > 2000 ? `${sql.slice(0, 2000)}…` : sql },
    });
    if (event.level === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };

  /** Exports what is buffered and stops. */
  async stop(): Promise<void> {
    await this.shutdownProvider?.();
  }
}
