import { pino, type Logger } from "pino";

export type { Logger };

/** Structured JSON logs to stdout (pino). Personal data is never logged: ids only. */
export function createLogger(level: string, name = "fordring"): Logger {
  return pino({
    name,
    level,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie", "*.password", "*.clientKey"], remove: true },
  });
}
