import { describe, expect, it } from "vitest";
import { translate } from "../i18n";
import { actorLabel } from "./CasePage";

describe("who did a step", () => {
  const nb = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate("nb", key, params);
  const en = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate("en", key, params);
  it("names the system's own work in words, and people by their login", () => {
    expect(actorLabel("system:daily-cycle", nb)).toBe("Automatisk (den daglige kjøringen)");
    expect(actorLabel("system:ledger-sync:poweroffice", en)).toBe("Sync with PowerOffice");
    expect(actorLabel("api-client:ERP", nb)).toBe("API-klient ERP");
    expect(actorLabel("kari@regnskap.no", en)).toBe("kari@regnskap.no");
  });
});
