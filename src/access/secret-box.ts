import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Encryption at rest for the few fields that need it (personal identity numbers, webhook
 * secrets, ledger keys given through the API): AES-256-GCM with a random IV, stored as
 * `v2:<key id>:<iv>:<tag>:<ciphertext>` (base64url; the header `v2:<key id>` is authenticated as
 * associated data). The key id is the first 4 bytes of HMAC-SHA256(key, KEY_ID_LABEL) in hex: it
 * names the key without revealing anything about it, so a reader picks the right key at once and
 * `fordring secrets rotate --check` can count values per key.
 *
 * Values written before key ids (`v1:<iv>:<tag>:<ciphertext>`) stay readable: every configured
 * key is tried, the current one first.
 *
 * Keys: FORDRING_SECRET_KEY (64 hex characters) encrypts; FORDRING_SECRET_KEY_PREVIOUS (comma-
 * separated, same form) only decrypts, while `fordring secrets rotate` moves the stored values to
 * the current key (docs/OPERATIONS.md). Without FORDRING_SECRET_KEY, a key file in the data
 * directory is created once (`secret.key`, mode 0600) — fine for the embedded demo; a server
 * deployment sets the variable and keeps it out of the database's backups.
 */
const KEY_ID_LABEL = "fordring secret-box key id";
export const KEY_FILE_NAME = "secret.key";
const CURRENT = "FORDRING_SECRET_KEY";
const PREVIOUS = "FORDRING_SECRET_KEY_PREVIOUS";

interface Key {
  readonly id: string;
  readonly bytes: Buffer;
}

/** Why a stored value could not be opened: not a sealed value at all, made by a key that is not configured, or not authentic under any configured key that could have made it. */
export type UnsealReason = "malformed" | "unknown_key" | "not_authentic";

export class SecretBoxError extends Error {
  constructor(
    readonly reason: UnsealReason,
    message: string,
    /** The key id the value names (v2 values only). */
    readonly keyId?: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** A value opened, with the key that opened it: `current` is false for a previous key, `legacy` true for the format without a key id. */
export interface Opened {
  readonly plain: string;
  readonly keyId: string;
  readonly current: boolean;
  readonly legacy: boolean;
}

/** Where keys come from, as `Config` (src/platform/config.ts) holds them. */
export interface SecretKeyConfig {
  readonly secretKey: string | undefined;
  readonly secretKeyPrevious: readonly string[];
  readonly dataDir: string;
}

function keyFrom(hex: string, where: string): Key {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${where}: must be 64 hexadecimal characters (32 bytes); generate one with: openssl rand -hex 32`);
  const bytes = Buffer.from(hex, "hex");
  return { id: createHmac("sha256", bytes).update(KEY_ID_LABEL).digest().subarray(0, 4).toString("hex"), bytes };
}

/** `FORDRING_SECRET_KEY_PREVIOUS` as a list: comma-separated, blanks ignored. */
export function parsePreviousKeys(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
}

export class SecretBox {
  private constructor(
    private readonly current: Key,
    private readonly previous: readonly Key[],
  ) {}

  static fromKey(hex: string, where = CURRENT): SecretBox {
    return new SecretBox(keyFrom(hex, where), []);
  }

  /** Encrypts with `current`; opens what `current` or any of `previous` made (a previous key equal to the current one is dropped). */
  static fromKeys(current: string, previous: readonly string[], where: { current: string; previous: string } = { current: CURRENT, previous: PREVIOUS }): SecretBox {
    const key = keyFrom(current, where.current);
    const olds: Key[] = [];
    previous.forEach((hex, i) => {
      const old = keyFrom(hex, previous.length > 1 ? `${where.previous} (entry ${i + 1})` : where.previous);
      if (!old.bytes.equals(key.bytes) && !olds.some((o) => o.bytes.equals(old.bytes))) olds.push(old);
    });
    return new SecretBox(key, olds);
  }

  static fromEnvOrDataDir(env: Readonly<Record<string, string | undefined>>, dataDir: string): SecretBox {
    return SecretBox.fromConfig({ secretKey: env[CURRENT] || undefined, secretKeyPrevious: parsePreviousKeys(env[PREVIOUS]), dataDir });
  }

  /**
   * The deployment's box. Without a current key the key file in the data directory is used, and
   * created when missing unless `createKeyFile` is false (then a missing file is an error: a
   * command that rewrites stored values must never invent a key).
   */
  static fromConfig(config: SecretKeyConfig, options: { createKeyFile?: boolean } = {}): SecretBox {
    if (config.secretKey) return SecretBox.fromKeys(config.secretKey, config.secretKeyPrevious);
    const file = path.join(config.dataDir, KEY_FILE_NAME);
    if (!existsSync(file)) {
      if (options.createKeyFile === false) throw new Error(`${CURRENT} is not set and there is no key file at ${file}`);
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return SecretBox.fromKeys(readFileSync(file, "utf8").trim(), config.secretKeyPrevious, { current: file, previous: PREVIOUS });
  }

  /** The id of the key values are encrypted with, and of the keys only read. */
  get keyIds(): { current: string; previous: string[] } {
    return { current: this.current.id, previous: this.previous.map((k) => k.id) };
  }

  encrypt(plain: string): string {
    const header = `v2:${this.current.id}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.bytes, iv, { authTagLength: 16 });
    cipher.setAAD(Buffer.from(header, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [header, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
  }

  decrypt(sealed: string): string {
    return this.open(sealed).plain;
  }

  /** Opens a value and says which key did; throws SecretBoxError when none can. */
  open(sealed: string): Opened {
    const parts = sealed.split(":");
    if (parts[0] === "v1" && parts.length === 4) return this.openLegacy(parts[1]!, parts[2]!, parts[3]!);
    if (parts[0] === "v2" && parts.length === 5 && /^[0-9a-f]{8}$/.test(parts[1]!)) {
      const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
      const keys = [this.current, ...this.previous].filter((k) => k.id === keyId);
      if (keys.length === 0) {
        throw new SecretBoxError("unknown_key", `sealed with key ${keyId}, which is neither ${CURRENT} (${this.current.id}) nor in ${PREVIOUS}${this.previous.length ? ` (${this.previous.map((k) => k.id).join(", ")})` : ""}`, keyId);
      }
      for (const key of keys) {
        const plain = attempt(key, iv, tag, body, `v2:${keyId}`);
        if (plain !== null) return { plain, keyId, current: key === this.current, legacy: false };
      }
      throw new SecretBoxError("not_authentic", `sealed with key ${keyId}, but it does not authenticate under that key (altered or corrupt)`, keyId);
    }
    throw new SecretBoxError("malformed", "not a sealed value (expected v2:keyid:iv:tag:ciphertext or v1:iv:tag:ciphertext)");
  }

  private openLegacy(iv: string, tag: string, body: string): Opened {
    for (const key of [this.current, ...this.previous]) {
      const plain = attempt(key, iv, tag, body, null);
      if (plain !== null) return { plain, keyId: key.id, current: key === this.current, legacy: true };
    }
    const tried = [this.current, ...this.previous].map((k) => k.id).join(", ");
    throw new SecretBoxError("not_authentic", `sealed before key ids (v1) and no configured key opens it (tried ${tried}): made with another key, or altered`);
  }
}

/** The plaintext, or null when the value does not authenticate under `key`. */
function attempt(key: Key, iv: string, tag: string, body: string, aad: string | null): string | null {
  const authTag = Buffer.from(tag, "base64url");
  const ivBytes = Buffer.from(iv, "base64url");
  if (authTag.length !== 16) throw new SecretBoxError("malformed", "not a sealed value (its authentication tag is not 16 bytes)");
  if (ivBytes.length !== 12) throw new SecretBoxError("malformed", "not a sealed value (its IV is not 12 bytes)");
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, ivBytes, { authTagLength: 16 });
  if (aad !== null) decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(authTag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * A personal identity number as shown to a role without `pii`: the birth-date part stays (it is
 * on the letters anyway), the individual number and check digits do not — "010190*****".
 */
export function maskNationalId(id: string): string {
  const digits = id.replace(/\D/g, "");
  if (digits.length <= 6) return "*".repeat(digits.length);
  return digits.slice(0, 6) + "*".repeat(digits.length - 6);
}
