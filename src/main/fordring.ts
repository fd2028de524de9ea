import { main as cliMain } from "../cli/main.js";
import { processIo, type Io } from "../cli/output.js";

/**
 * The `fordring` command as the process runs it (bin/fordring.js): the command line, with the
 * product that `serve` starts wired in from the composition root (./app.ts). The server, the
 * database drivers and pg-boss load only when `serve` runs, so the calculator commands start fast.
 */
export function main(argv: string[], io: Io = processIo): Promise<number> {
  return cliMain(argv, io, {
    start: async (config, options) => {
      const { startApp } = await import("./app.js");
      return startApp(config, options);
    },
  });
}
