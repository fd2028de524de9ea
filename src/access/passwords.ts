import { randomBytes } from "node:crypto";
import { argon2id, argon2Verify } from "hash-wasm";

/**
 * Passwords: argon2id (OWASP's minimum profile: 19 MiB, 2 iterations, 1 lane), PHC-encoded with
 * its own random salt, computed in WebAssembly (no native addon).
 */
const PROFILE = { parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32 } as const;
export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  return argon2id({ ...PROFILE, password, salt: randomBytes(16), outputType: "encoded" });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (!hash.startsWith("$argon2id$")) return false;
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so both answers take as long. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(16).toString("hex")));
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 512) return "a password may have at most 512 characters";
  return null;
}
