import { Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics (prom-client), one registry per running app, served at `/metrics`
 * (docs/OPERATIONS.md, "Metrics"). Two kinds:
 *
 * - measured in this process: HTTP latency by route (the route's pattern, never the raw URL, so
 *   ids do not explode the series), the daily cycle's duration per creditor-day, and Node's own;
 * - read from the database at scrape time (`figures`): job queue depth and age, sync runs,
 *   letter deliveries and bank lines by outcome. These are the same whichever process is scraped,
 *   so N API and M worker processes report one truth, not M partial counters.
 */
export interface OperationalFigures {
  /** pg-boss queues: jobs waiting (created/retry, due), running, and the oldest waiting job's age. */
  queues: { queue: string; waiting: number; active: number; oldestWaitingSeconds: number }[];
  /** Ledger sync runs by status (ok, partial, failed, abandoned, running). */
  syncRuns: { status: string; count: number }[];
  /** Letters by delivery status (queued, sent, delivered, read, failed, withheld, in-doubt). */
  letterDeliveries: { status: string; count: number }[];
  /** Bank-file lines by outcome (matched, unmatched = queued for a person, duplicate, …). */
  bankLines: { status: string; count: number }[];
}

export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<"method" | "route" | "status_code">;
  readonly cycleDuration: Histogram<"outcome">;
  /** The Prometheus text exposition of everything above. */
  text(): Promise<string>;
}

export interface MetricsOptions {
  /** Read at every scrape; a failure leaves those series out of that scrape (and is counted). */
  figures?: () => Promise<OperationalFigures>;
  /** Node's process metrics (CPU, memory, event loop lag); off in tests that build many apps. */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: "fordring_http_request_duration_seconds",
    help: "HTTP request latency by method, route pattern and status code",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cycleDuration = new Histogram({
    name: "fordring_cycle_day_duration_seconds",
    help: "Time one creditor's daily cycle took in this process (outcome ok or error)",
    labelNames: ["outcome"] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  const figures = options.figures;
  if (figures) {
    const errors = new Gauge({ name: "fordring_metrics_figures_errors_total", help: "Scrapes whose database figures could not be read", registers: [registry] });
    // One read per scrape, shared by the gauges (each gauge's collect would read it again).
    let pending: Promise<OperationalFigures | undefined> | undefined;
    const read = () =>
      (pending ??= figures()
        .catch(() => {
          errors.inc();
          return undefined;
        })
        .finally(() => setTimeout(() => (pending = undefined), 0)));
    const figureGauge = <L extends string>(name: string, help: string, labelNames: readonly L[], rows: (f: OperationalFigures) => { labels: Record<L, string>; value: number }[]) =>
      new Gauge<L>({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          const f = await read();
          this.reset();
          if (f) for (const r of rows(f)) this.set(r.labels as never, r.value);
        },
      });
    figureGauge("fordring_job_queue_depth", "Jobs per queue and state (waiting = created or retry and due; active = running)", ["queue", "state"], (f) =>
      f.queues.flatMap((q) => [
        { labels: { queue: q.queue, state: "waiting" }, value: q.waiting },
        { labels: { queue: q.queue, state: "active" }, value: q.active },
      ]),
    );
    figureGauge("fordring_job_queue_oldest_waiting_seconds", "Age of the oldest job waiting in each queue", ["queue"], (f) => f.queues.map((q) => ({ labels: { queue: q.queue }, value: q.oldestWaitingSeconds })));
    figureGauge("fordring_sync_runs", "Ledger sync runs by status", ["status"], (f) => f.syncRuns.map((r) => ({ labels: { status: r.status }, value: r.count })));
    figureGauge("fordring_letter_deliveries", "Letters by delivery status", ["status"], (f) => f.letterDeliveries.map((r) => ({ labels: { status: r.status }, value: r.count })));
    figureGauge("fordring_bank_lines", "Bank-file lines by outcome (matched to a case, unmatched = queued for a person, duplicate)", ["status"], (f) => f.bankLines.map((r) => ({ labels: { status: r.status }, value: r.count })));
  }
  return { registry, httpDuration, cycleDuration, text: () => registry.metrics() };
}
