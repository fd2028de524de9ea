/**
 * `npm run bench [-- NAME...]`: runs the named benchmarks (all pure ones by default) and prints
 * per-second figures with the ratio to a baseline measured in the same run.
 */
import { benchInterest } from "./interest.js";
import { benchEligibility } from "./eligibility.js";

const BENCHES: Record<string, () => void | Promise<void>> = {
  eligibility: () => benchEligibility(),
  interest: () => benchInterest(),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);
  process.exit(2);
}
console.log(`Fordring benchmarks — node ${process.version}, one core, ${new Date().toISOString()}`);
for (const name of names.length ? names : Object.keys(BENCHES)) await BENCHES[name]!();
