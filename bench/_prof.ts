import { aLetter } from "../src/collection/letters/letter-model.fixture.js";
import { renderLetterPdf } from "../src/collection/letters/render-letter.js";
const kinds = ["reminder", "collection-notice", "payment-demand"] as const;
const N = Number(process.argv[2] ?? 300);
await renderLetterPdf(aLetter("reminder"));
const t0 = performance.now(); const c0 = process.cpuUsage();
for (let i = 0; i < N; i++) await renderLetterPdf(aLetter(kinds[i % 3]!, { caseNumber: `B-${100001 + i}` }));
const s = (performance.now() - t0) / 1000;
const cpu = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1e6; console.log(`${N} letters in ${s.toFixed(2)} s wall, ${cpu.toFixed(2)} s cpu: ${(N / cpu).toFixed(1)}/s per cpu-second`);
