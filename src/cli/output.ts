import { CommanderError } from "commander";
import { DomainError } from "../domain/errors.js";
import { ConfigError } from "../platform/config.js";
import { DataDirInUseError } from "../platform/db/lockfile.js";

/** Where a command writes. Injected so tests can run commands in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
};

/** Exit codes (docs/OPERATIONS.md, "Command line"): 0 ok, 1 failure while running, 2 bad input (usage, arguments, configuration, a thing that does not exist). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Prints `value` as JSON (`--json`) or as the human text. */
export function emit(io: Io, json: boolean, value: unknown, human: () => string): void {
  io.out(json ? JSON.stringify(value, null, 2) : human());
}

export class BadInput extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Maps an error to a message and an exit code, in one place. */
export function reportError(io: Io, json: boolean, e: unknown): number {
  if (e instanceof CommanderError) {
    // commander has already printed its own message
    return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (e instanceof DomainError || e instanceof BadInput) {
    const code = e instanceof DomainError ? e.code : "invalid_input";
    const field = e instanceof DomainError ? e.field : e.field;
    if (json) io.err(JSON.stringify({ error: { code, message: e.message, ...(field ? { field } : {}) } }));
    else io.err(`error: ${e.message}`);
    return EXIT_BAD_INPUT;
  }
  if (e instanceof ConfigError || e instanceof DataDirInUseError) {
    io.err(`error: ${e.message}`);
    return EXIT_BAD_INPUT;
  }
  // Not an expected error: one line, the stack only when asked for (FORDRING_DEBUG=1).
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const debug = process.env.FORDRING_DEBUG === "1";
  if (json) io.err(JSON.stringify({ error: { code: typeof code === "string" ? code : "failure", message } }));
  else io.err(`error: ${debug && e instanceof Error ? (e.stack ?? message) : message}${debug ? "" : " (FORDRING_DEBUG=1 shows where)"}`);
  return EXIT_FAILURE;
}
