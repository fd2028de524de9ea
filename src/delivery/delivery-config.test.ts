import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../platform/config.js";
import { channelsFrom } from "./delivery-config.js";

/** The delivery settings are read once with the rest of the configuration (Config.delivery). */
const deliveryOf = (env: Record<string, string>) => loadConfig(env).delivery;

describe("delivery settings from the environment", () => {
  it("paper by default under the data directory; nothing electronic unless configured", () => {
    expect(deliveryOf({ FORDRING_DATA_DIR: "/srv/fordring" })).toEqual({ printDir: path.resolve("/srv/fordring/print") });
    expect(deliveryOf({ FORDRING_PRINT_DIR: "off" })).toEqual({});
  });

  it("e-mail needs an smtp URL and a From address", () => {
    expect(deliveryOf({ FORDRING_SMTP_URL: "smtp://127.0.0.1:2525", FORDRING_MAIL_FROM: "post@x.no", FORDRING_PRINT_DIR: "off" })).toEqual({ email: { smtpUrl: "smtp://127.0.0.1:2525", from: "post@x.no" } });
    expect(() => deliveryOf({ FORDRING_SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow("FORDRING_MAIL_FROM");
    expect(() => deliveryOf({ FORDRING_SMTP_URL: "http://x", FORDRING_MAIL_FROM: "a@b.no" })).toThrow("FORDRING_SMTP_URL: must be an smtp:// or smtps:// URL");
  });

  it("Digipost needs a numeric sender id and a readable key file", () => {
    expect(() => deliveryOf({ FORDRING_DIGIPOST_URL: "http://127.0.0.1:4020", FORDRING_DIGIPOST_SENDER_ID: "x" })).toThrow("FORDRING_DIGIPOST_SENDER_ID");
    expect(() => deliveryOf({ FORDRING_DIGIPOST_URL: "http://127.0.0.1:4020", FORDRING_DIGIPOST_SENDER_ID: "9999" })).toThrow("FORDRING_DIGIPOST_KEY_FILE: required");
    const settings = deliveryOf({ FORDRING_DIGIPOST_URL: "http://127.0.0.1:4020", FORDRING_DIGIPOST_SENDER_ID: "9999", FORDRING_DIGIPOST_KEY_FILE: "/nonexistent/key.pem" });
    expect(() => channelsFrom(settings)).toThrow("FORDRING_DIGIPOST_KEY_FILE: cannot read /nonexistent/key.pem");
  });
});
