/**
 * Benchmarks are scripts, not tests: each one measures the work and a baseline that reads the
 * same inputs in the same run, and prints per-second figures and the ratio between the two, so
 * the figure means something on whatever machine it runs on.
 */
export interface Measurement {
  label: string;
  items: number;
  seconds: number;
  perSecond: number;
}

export function measure(label: string, items: number, run: () => number): Measurement {
  // One untimed pass warms the JIT; the sink keeps the work from being optimised away.
  sink ^= run() | 0;
  const start = process.hrtime.bigint();
  sink ^= run() | 0;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, items, seconds, perSecond: items / seconds };
}

export let sink = 0;

export function report(title: string, work: Measurement, baseline: Measurement, aimPerSecond?: number): void {
  const ratio = work.seconds / baseline.seconds;
  console.log(`\n${title}`);
  console.log(`  ${pad(baseline.label)} ${fmt(baseline.perSecond)}/s  (${baseline.seconds.toFixed(3)} s for ${baseline.items.toLocaleString("en")})`);
  console.log(`  ${pad(work.label)} ${fmt(work.perSecond)}/s  (${work.seconds.toFixed(3)} s for ${work.items.toLocaleString("en")})`);
  console.log(`  ratio to baseline: ${ratio.toFixed(2)}×` + (aimPerSecond ? `   aim ≥ ${fmt(aimPerSecond)}/s: ${work.perSecond >= aimPerSecond ? "met" : "NOT met"}` : ""));
}

function pad(s: string): string {
  return s.padEnd(34);
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en").padStart(12);
}

/** A small deterministic PRNG (mulberry32) so every run benchmarks the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
