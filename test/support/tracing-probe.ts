// Run by test/server/tracing.pg.test.ts under refuse-opentelemetry.mjs: loads the composition root
// (and with it the HTTP server and the worker's wiring), reads Config from the environment and
// starts tracing as `fordring serve` does. Prints "tracing off" when no SDK module loaded.
import { VERSION } from "../../src/main/app.js";
import { loadConfig } from "../../src/platform/config.js";
import { startTracing } from "../../src/platform/tracing.js";

await import("../../src/worker/cycle-jobs.js");
const tracing = await startTracing(loadConfig().tracing, VERSION);
process.stdout.write(tracing ? "tracing on\n" : "tracing off\n");
await tracing?.shutdown();
