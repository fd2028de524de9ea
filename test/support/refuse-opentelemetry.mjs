// Loaded with `node --import`: any import of an OpenTelemetry SDK package (anything under
// @opentelemetry/ but the API, which pg-boss 12 always imports and which does nothing without an
// SDK) fails the process, so a child run with it proves the code path it takes never loads the SDK
// (test/server/tracing.pg.test.ts).
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(s, c, next) { if (s.startsWith("@opentelemetry/") && s !== "@opentelemetry/api") throw new Error("OpenTelemetry SDK module loaded: " + s + " (imported by " + c.parentURL + ")"); return next(s, c); }',
  )}`,
);
