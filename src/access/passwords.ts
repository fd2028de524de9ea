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

/**
 * Common passwords of at least `MIN_PASSWORD_LENGTH` characters, lower-cased: the ones that head
 * the public lists of leaked passwords (NIST SP 800-63B § 5.1.1.2 asks that a new password be
 * checked against such a list). A short list that ships with the code; shorter ones are refused
 * by length already.
 */
const COMMON_PASSWORDS = new Set([
  "1234567890", "12345678910", "123456789a", "1q2w3e4r5t", "1qaz2wsx3edc", "qwertyuiop", "qwerty1234", "qwerty12345", "qwerty123456",
  "asdfghjkl1", "zxcvbnm123", "password12", "password123", "password1234", "password!1", "passw0rd123", "iloveyou12", "iloveyou123",
  "football123", "baseball123", "princess123", "sunshine123", "welcome123", "welcome1234", "letmein123", "monkey12345", "dragon12345",
  "starwars123", "trustno1234", "superman123", "administrator", "admin12345", "admin123456", "changeme123", "abcdefghij", "abcd123456",
  "a1b2c3d4e5", "passord123", "passord1234", "sommer2024", "sommer2025", "sommer2026", "vinter2025", "vinter2026", "høst2025", "norge12345",
  "fordring123", "fordring2025", "fordring2026", "correct horse battery staple",
]);

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 512) return "a password may have at most 512 characters";
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || /^(.)\1+$/.test(password) || /^(?:0123456789|1234567890|9876543210)+$/.test(password)) return "this password is among the most common ones (and guessed first): choose another";
  return null;
}
