import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Encryption at rest for the few fields that need it (personal identity numbers, webhook
 * secrets): AES-256-GCM with a random IV, stored as `v1:<iv>:<tag>:<ciphertext>` (base64url).
 * The key comes from FORDRING_SECRET_KEY (64 hex characters); without it, a key file in the data
 * directory is created once (`secret.key`, mode 0600) — fine for the embedded demo; a server
 * deployment sets the variable and keeps it out of the database's backups.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(hex: string, where = "FORDRING_SECRET_KEY"): SecretBox {
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${where}: must be 64 hexadecimal characters (32 bytes); generate one with: openssl rand -hex 32`);
    return new SecretBox(Buffer.from(hex, "hex"));
  }

  static fromEnvOrDataDir(env: Record<string, string | undefined>, dataDir: string): SecretBox {
    const fromEnv = env.FORDRING_SECRET_KEY;
    if (fromEnv) return SecretBox.fromKey(fromEnv);
    const file = path.join(dataDir, "secret.key");
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return SecretBox.fromKey(readFileSync(file, "utf8").trim(), file);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
  }

  decrypt(sealed: string): string {
    const [v, iv, tag, body] = sealed.split(":");
    if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed value (expected v1:iv:tag:ciphertext)");
    const authTag = Buffer.from(tag, "base64url");
    if (authTag.length !== 16) throw new Error("not a sealed value (its authentication tag is not 16 bytes)");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
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
