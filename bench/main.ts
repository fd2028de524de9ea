/**
 * `npm run bench [-- NAME... --option value]`: runs the named benchmarks (all pure ones by default;
 * those that need a PostgreSQL server only when named) and prints per-second figures with the
 * ratio to a baseline measured in the same run.
 */
import { benchInterest } from "./interest.js";
import { benchEligibility } from "./eligibility.js";

const BENCHES: Record<string, (args: readonly string[]) => void | Promise<void>> = {
  eligibility: () => benchEligibility(),
  interest: () => benchInterest(),
  cycle: async (args) => (await import("./cycle.js")).benchCycle(args),
  sync: async (args) => (await import("./sync.js")).benchSync(args),
  payments: async (args) => (await import("./payments.js")).benchPayments(args),
  api: async (args) => (await import("./api.js")).benchApi(args),
  letters: async (args) => (await import("./letters.js")).benchLetters(args),
};
/** Benchmarks that need a database server and minutes: run only when named. */
const ONLY_WHEN_NAMED = new Set(["cycle", "sync", "payments", "api", "letters"]);

// `--name value` and `--name=value` are options, passed to every benchmark; other words name one.
const args = process.argv.slice(2);
const names = args.filter((a, i) => !a.startsWith("-") && !(args[i - 1]?.startsWith("--") && !args[i - 1]!.includes("=")));
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);
  process.exit(2);
}
const options = args.filter((a) => !names.includes(a));
console.log(`Fordring benchmarks — node ${process.version}, one core, ${new Date().toISOString()}`);
for (const name of names.length ? names : Object.keys(BENCHES).filter((n) => !ONLY_WHEN_NAMED.has(n))) await BENCHES[name]!(options);
