import type { Attributes, Span, Tracer } from "@opentelemetry/api";
import type { FastifyInstance } from "fastify";
import type { PgBoss } from "pg-boss";
import type { TracingConfig } from "./config.js";

/**
 * OpenTelemetry traces, optional by environment (docs/OPERATIONS.md, "Traces"). With
 * `OTEL_EXPORTER_OTLP_ENDPOINT` unset `startTracing` returns undefined and no OpenTelemetry module
 * is ever loaded (every import of one below is dynamic or type-only); set, each HTTP request and
 * each pg-boss job becomes a span, exported in batches as OTLP over HTTP (JSON).
 *
 * The spans are made here, in a Fastify hook and around the job handlers, rather than by the
 * auto-instrumentation packages: four small packages, no patching of `http` or `pg` at load time.
 */
export interface Tracing {
  tracer: Tracer;
  /** The API's values (SpanKind, SpanStatusCode), loaded with the SDK. */
  api: typeof import("@opentelemetry/api");
  /** Exports the spans still buffered (awaited at shutdown and by tests). */
  flush(): Promise<void>;
  /** Flushes, then stops the exporter. */
  shutdown(): Promise<void>;
}

export async function startTracing(config: TracingConfig | undefined, version: string): Promise<Tracing | undefined> {
  if (!config) return undefined;
  const [api, { TracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import("@opentelemetry/api"),
    import("@opentelemetry/sdk-trace"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
  ]);
  const exporter = new OTLPTraceExporter({ url: config.tracesUrl, headers: config.headers });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": config.serviceName, "service.version": version }),
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  return {
    tracer: provider.getTracer("fordring", version),
    api,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

const SPANS = Symbol("fordring.span");
type WithSpan = { [SPANS]?: Span };

/**
 * One SERVER span per request, named `METHOD /route/:pattern` (the route's pattern, never the raw
 * URL), with the HTTP semantic-convention attributes; 5xx answers are marked as errors.
 */
export function traceHttp(app: FastifyInstance, tracing: Tracing): void {
  const { api, tracer } = tracing;
  app.addHook("onRequest", (req, _reply, done) => {
    const span = tracer.startSpan(req.method, {
      kind: api.SpanKind.SERVER,
      attributes: { "http.request.method": req.method, "url.path": req.url.split("?")[0] ?? req.url, "url.scheme": req.protocol },
    });
    (req as unknown as WithSpan)[SPANS] = span;
    done();
  });
  app.addHook("onError", (req, _reply, error, done) => {
    (req as unknown as WithSpan)[SPANS]?.recordException(error);
    done();
  });
  app.addHook("onResponse", (req, reply, done) => {
    const span = (req as unknown as WithSpan)[SPANS];
    if (span) {
      const route = req.routeOptions.url;
      if (route) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute("http.route", route);
      }
      span.setAttribute("http.response.status_code", reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

type Handler = (jobs: { id: string }[]) => Promise<unknown>;

/**
 * Every handler registered with `boss.work` from now on runs inside a CONSUMER span `job QUEUE`
 * with the queue, the job ids and the outcome
 * (`completed`, or `failed` with the exception recorded — pg-boss then retries or fails the job).
 */
export function traceJobs(boss: PgBoss, tracing: Tracing): void {
  const { api, tracer } = tracing;
  const work = boss.work.bind(boss) as (...args: unknown[]) => Promise<string>;
  const wrap =
    (queue: string, handler: Handler): Handler =>
    (jobs) => {
      const attributes: Attributes = { "messaging.system": "pg-boss", "messaging.destination.name": queue, "messaging.operation.type": "process", "messaging.batch.message_count": jobs.length };
      if (jobs.length === 1 && jobs[0]) attributes["messaging.message.id"] = jobs[0].id;
      const span = tracer.startSpan(`job ${queue}`, { kind: api.SpanKind.CONSUMER, attributes });
      return (async () => {
        try {
          const result = await handler(jobs);
          span.setAttribute("fordring.job.outcome", "completed");
          return result;
        } catch (e) {
          span.setAttribute("fordring.job.outcome", "failed");
          span.recordException(e instanceof Error ? e : String(e));
          span.setStatus({ code: api.SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
          throw e;
        } finally {
          span.end();
        }
      })();
    };
  (boss as unknown as { work: (...args: unknown[]) => Promise<string> }).work = (name: unknown, ...rest: unknown[]) => {
    const last = rest.length - 1;
    if (typeof name === "string" && last >= 0 && typeof rest[last] === "function") rest[last] = wrap(name, rest[last] as Handler);
    return work(name, ...rest);
  };
}
