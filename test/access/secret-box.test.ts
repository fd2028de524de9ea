import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SecretBox, SecretBoxError, parsePreviousKeys } from "../../src/access/secret-box.js";
import { ConfigError, loadConfig } from "../../src/platform/config.js";

const A = "a".repeat(64);
const B = "b".repeat(64);
const C = "c".repeat(64);
/** Made under key A by the SecretBox before key ids (git history of src/access/secret-box.ts): what databases hold today. */
const LEGACY_UNDER_A = "v1:X_ZR8Er-eSE9EGeh:3vW3WIoSRfYu2BZ3Xvq5Tg:Im3D3dmT2LrmUUs";

function failure(fn: () => unknown): SecretBoxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SecretBoxError) return e;
    throw e;
  }
  throw new Error("expected a SecretBoxError");
}

describe("SecretBox with a current key and previous keys", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-secret-box-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("names the key in what it writes and opens it again", () => {
    const a = SecretBox.fromKey(A);
    const sealed = a.encrypt("01019012345");
    expect(sealed.split(":").slice(0, 2)).toEqual(["v2", a.keyIds.current]);
    expect(a.open(sealed)).toEqual({ plain: "01019012345", keyId: a.keyIds.current, current: true, legacy: false });
    expect(a.encrypt("01019012345")).not.toBe(sealed); // a fresh IV each time
  });

  it("key ids are stable per key and differ between keys", () => {
    expect(SecretBox.fromKey(A).keyIds.current).toBe(SecretBox.fromKey(A.toUpperCase()).keyIds.current);
    expect(SecretBox.fromKey(A).keyIds.current).not.toBe(SecretBox.fromKey(B).keyIds.current);
    expect(SecretBox.fromKey(A).keyIds.current).toMatch(/^[0-9a-f]{8}$/);
  });

  it("still opens what the version before key ids stored", () => {
    expect(SecretBox.fromKey(A).open(LEGACY_UNDER_A)).toMatchObject({ plain: "01019012345", current: true, legacy: true });
    expect(SecretBox.fromKeys(B, [C, A]).open(LEGACY_UNDER_A)).toMatchObject({ plain: "01019012345", keyId: SecretBox.fromKey(A).keyIds.current, current: false, legacy: true });
  });

  it("encrypts with the current key and opens what a previous key made", () => {
    const underA = SecretBox.fromKey(A).encrypt("whsec_x");
    const rotated = SecretBox.fromKeys(B, [A]);
    expect(rotated.open(underA)).toMatchObject({ plain: "whsec_x", current: false, legacy: false, keyId: SecretBox.fromKey(A).keyIds.current });
    const underB = rotated.encrypt("whsec_x");
    expect(underB.split(":")[1]).toBe(SecretBox.fromKey(B).keyIds.current);
    expect(SecretBox.fromKey(B).decrypt(underB)).toBe("whsec_x");
    expect(failure(() => SecretBox.fromKey(A).decrypt(underB)).reason).toBe("unknown_key");
  });

  it("says which key a value needs when it is not configured", () => {
    const underA = SecretBox.fromKey(A).encrypt("x");
    const e = failure(() => SecretBox.fromKeys(B, [C]).open(underA));
    expect(e.reason).toBe("unknown_key");
    expect(e.keyId).toBe(SecretBox.fromKey(A).keyIds.current);
    expect(e.message).toContain(SecretBox.fromKey(A).keyIds.current);
    expect(e.message).toContain("FORDRING_SECRET_KEY_PREVIOUS");
    const legacy = failure(() => SecretBox.fromKeys(B, [C]).open(LEGACY_UNDER_A));
    expect(legacy.reason).toBe("not_authentic");
    expect(legacy.message).toContain("v1");
  });

  it("refuses altered values and values that are not sealed", () => {
    const box = SecretBox.fromKeys(B, [A]);
    const [v, kid, iv, tag, body] = box.encrypt("01019012345").split(":") as [string, string, string, string, string];
    const flipped = body.startsWith("A") ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    expect(failure(() => box.open([v, kid, iv, tag, flipped].join(":"))).reason).toBe("not_authentic");
    // The header is authenticated: moving the value to the other configured key's id does not open it.
    expect(failure(() => box.open([v, SecretBox.fromKey(A).keyIds.current, iv, tag, body].join(":"))).reason).toBe("not_authentic");
    expect(failure(() => box.open("01019012345")).reason).toBe("malformed");
    expect(failure(() => box.open(`v2:${kid}:${iv}:short:${body}`)).reason).toBe("malformed");
  });

  it("reads FORDRING_SECRET_KEY_PREVIOUS, comma-separated, and names a bad entry", () => {
    expect(parsePreviousKeys(` ${A} , ${C},`)).toEqual([A, C]);
    const box = SecretBox.fromEnvOrDataDir({ FORDRING_SECRET_KEY: B, FORDRING_SECRET_KEY_PREVIOUS: `${A},${B}` }, dir);
    expect(box.keyIds.previous).toEqual([SecretBox.fromKey(A).keyIds.current]); // the current key is not also a previous one
    expect(box.decrypt(LEGACY_UNDER_A)).toBe("01019012345");
    expect(() => SecretBox.fromKeys(B, [A, "nope"])).toThrow(/FORDRING_SECRET_KEY_PREVIOUS \(entry 2\): must be 64 hexadecimal/);
    expect(() => loadConfig({ FORDRING_SECRET_KEY_PREVIOUS: `${A},nope` })).toThrow(ConfigError);
    expect(loadConfig({ FORDRING_SECRET_KEY: B, FORDRING_SECRET_KEY_PREVIOUS: `${A}, ${C}` }).secretKeyPrevious).toEqual([A, C]);
  });

  it("uses the key file with previous keys, and creates no key file when told not to", () => {
    const withFile = path.join(dir, "with-file");
    fs.mkdirSync(withFile);
    fs.writeFileSync(path.join(withFile, "secret.key"), `${B}\n`);
    const box = SecretBox.fromConfig({ secretKey: undefined, secretKeyPrevious: [A], dataDir: withFile }, { createKeyFile: false });
    expect(box.keyIds.current).toBe(SecretBox.fromKey(B).keyIds.current);
    expect(box.decrypt(LEGACY_UNDER_A)).toBe("01019012345");
    const empty = path.join(dir, "empty");
    expect(() => SecretBox.fromConfig({ secretKey: undefined, secretKeyPrevious: [], dataDir: empty }, { createKeyFile: false })).toThrow(/no key file/);
    expect(fs.existsSync(path.join(empty, "secret.key"))).toBe(false);
  });
});
