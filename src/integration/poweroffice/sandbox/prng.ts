/**
 * A small seeded pseudo-random generator (mulberry32) so that everything the sandbox invents —
 * ids, tokens, fault decisions, generated seeds — is the same on every run with the same seed.
 * Not for secrets: the sandbox never guards anything real.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A GUID in the canonical 8-4-4-4-12 lowercase form (version 4 layout). */
  guid(): string;
  /** `length` characters of base 36. */
  base36(length: number): string;
}

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  // Built from whole numbers, not char by char: concatenated characters would stay a rope of
  // 36 pieces per id, which for 100,000 invoices costs hundreds of megabytes.
  const hex = (n: number): string => Math.floor(next() * 16 ** n).toString(16).padStart(n, "0");
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    guid: () => [hex(8), hex(4), `4${hex(3)}`, `${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}`, `${hex(6)}${hex(6)}`].join("-"),
    base36: (length) => {
      const chars: string[] = [];
      for (let i = 0; i < length; i++) chars.push(B36[Math.floor(next() * 36)]!);
      return chars.join("");
    },
  };
}

const B36 = "0123456789abcdefghijklmnopqrstuvwxyz";
