import type { Command } from "commander";
import { loadConfig, type Config, type Role } from "../../platform/config.js";
import type { Io } from "../output.js";

/**
 * What `serve` starts: the product as the composition root wires it (src/main/app.ts). The CLI
 * sits below that root, so the root hands it in (src/main/fordring.ts, the `fordring` command).
 */
export type StartProduct = (
  config: Config,
  options: { portal: boolean; demo: boolean; say: (line: string) => void; role?: Role },
) => Promise<{ url: string; stop(reason?: string): Promise<"done" | "deadline"> }>;

const ROLES: readonly Role[] = ["api", "worker", "all"];

// The server, the database drivers and pg-boss load only when a command needs them, so the
// calculator commands start fast.

export function registerServe(program: Command, io: Io, start: StartProduct | undefined): void {
  program
    .command("serve")
    .description("start the HTTP server and the worker (embedded PGlite under ./data unless DATABASE_URL is set)")
    .option("--port <port>", "port to listen on (default: PORT or 3000)")
    .option("--no-portal", "serve the API only")
    .option("--no-demo", "do not seed the demo into an empty embedded database")
    .option("--role <role>", "api (HTTP only), worker (jobs only; serves /health* and /metrics), or all (default: FORDRING_ROLE, else all)")
    .action(async (opts: { port?: string; portal: boolean; demo: boolean; role?: string }) => {
      if (opts.role !== undefined && !ROLES.includes(opts.role as Role)) throw new Error(`serve --role: "${opts.role}" is not one of ${ROLES.join(", ")}`);
      const config = loadConfig({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}), ...(opts.role ? { FORDRING_ROLE: opts.role } : {}) });
      if (!start) throw new Error("serve: this command line was built without the product to start (run bin/fordring.js, which goes through src/main/fordring.ts)");
      // The demo is for the embedded database only (`npm start` on a fresh machine); FORDRING_DEMO=off turns it off.
      const demo = opts.demo && !config.databaseUrl && config.demo;
      const portal = opts.portal && config.portal;
      // SIGTERM/SIGINT: a graceful stop within FORDRING_SHUTDOWN_TIMEOUT; a second signal, or the
      // deadline passing, ends the process with work in flight (pg-boss hands its jobs to another
      // worker). Listened for from the start: a signal during a slow start stops it once it is up.
      let signalled: NodeJS.Signals | undefined;
      let onSignal: (signal: NodeJS.Signals) => void = (signal) => (signalled ??= signal);
      const listener = (signal: NodeJS.Signals) => onSignal(signal);
      process.on("SIGINT", listener);
      process.on("SIGTERM", listener);
      const app = await start(config, { portal, demo, say: (line) => io.err(line), role: config.role });
      io.out(`Fordring is running at ${app.url} — ${config.role === "worker" ? "worker (probes at /health/ready)" : `API documentation at ${app.url}/docs`} (Ctrl+C to stop)`);
      const outcome = await new Promise<"done" | "deadline" | "forced">((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          onSignal = (again) => {
            io.err(`${again} again: exiting now`);
            resolve("forced");
          };
          void app.stop(signal).then(resolve, () => resolve("deadline"));
        };
        if (signalled) stop(signalled);
        else onSignal = stop;
      });
      if (outcome !== "done") {
        process.exitCode = 1;
        // Open handles (a job in flight, a pool connection) would keep the process up past its deadline.
        setTimeout(() => process.exit(1), 50).unref();
      }
    });

  program
    .command("migrate")
    .description("apply the database migrations and exit")
    .action(async () => {
      const config = loadConfig();
      const { openDatabase } = await import("../../platform/db/database.js");
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await database.close();
      io.out(`migrations applied (${database.kind}${database.kind === "pglite" ? ` in ${config.dataDir}` : ""})`);
    });
}
