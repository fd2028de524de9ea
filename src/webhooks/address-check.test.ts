import { describe, expect, it } from "vitest";
import { isPrivateAddress, webhookUrlProblem } from "./address-check.js";

describe("webhook addresses", () => {
  it("knows private, loopback, link-local and unique-local addresses", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"]) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "193.69.1.1", "2001:4860:4860::8888"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("refuses http, credentials in the URL, and private hosts at registration unless allowed", () => {
    expect(webhookUrlProblem("https://erp.example/hooks", false)).toBeNull();
    expect(webhookUrlProblem("http://erp.example/hooks", false)).toMatch(/https/);
    expect(webhookUrlProblem("https://169.254.169.254/latest", false)).toMatch(/private/);
    expect(webhookUrlProblem("https://localhost:8080/", false)).toMatch(/private/);
    expect(webhookUrlProblem("https://[::1]/", false)).toMatch(/private/);
    expect(webhookUrlProblem("https://user:pw@erp.example/", false)).toMatch(/user name/);
    expect(webhookUrlProblem("http://127.0.0.1:9000/", true)).toBeNull();
  });
});
