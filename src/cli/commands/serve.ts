import type { Command } from "commander";
import { loadConfig, type Config } from "../../platform/config.js";
import type { Io } from "../output.js";

/**
 * What `serve` starts: the product as the composition root wires it (src/main/app.ts). The CLI
 * sits below that root, so the root hands it in (src/main/fordring.ts, the `fordring` command).
 */
export type StartProduct = (config: Config, options: { portal: boolean; demo: boolean; say: (line: string) => void }) => Promise<{ url: string; stop(): Promise<void> }>;

// The server, the database drivers and pg-boss load only when a command needs them, so the
// calculator commands start fast.

export function registerServe(program: Command, io: Io, start: StartProduct | undefined): void {
  program
    .command("serve")
    .description("start the HTTP server and the worker (embedded PGlite under ./data unless DATABASE_URL is set)")
    .option("--port <port>", "port to listen on (default: PORT or 3000)")
    .option("--no-portal", "serve the API only")
    .option("--no-demo", "do not seed the demo into an empty embedded database")
    .action(async (opts: { port?: string; portal: boolean; demo: boolean }) => {
      const config = loadConfig({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}) });
      if (!start) throw new Error("serve: this command line was built without the product to start (run bin/fordring.js, which goes through src/main/fordring.ts)");
      // The demo is for the embedded database only (`npm start` on a fresh machine); FORDRING_DEMO=off turns it off.
      const demo = opts.demo && !config.databaseUrl && config.demo;
      const portal = opts.portal && config.portal;
      const app = await start(config, { portal, demo, say: (line) => io.err(line) });
      io.out(`Fordring is running at ${app.url} — API documentation at ${app.url}/docs (Ctrl+C to stop)`);
      await new Promise<void>((resolve) => {
        const shutdown = () => {
          process.off("SIGINT", shutdown);
          process.off("SIGTERM", shutdown);
          void app.stop().then(resolve, resolve);
        };
        process.on("SIGINT", shutdown);
        process.on("SIGTERM", shutdown);
      });
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
