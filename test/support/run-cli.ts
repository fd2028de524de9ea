import { main } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for `--json` runs). */
  json: <T = Record<string, unknown>>() => T;
}

/** Runs the `fordring` command in-process with captured output. */
export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (t) => (stdout += t.endsWith("\n") ? t : `${t}\n`), err: (t) => (stderr += t.endsWith("\n") ? t : `${t}\n`) });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
