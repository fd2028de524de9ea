import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { checkNoOrganisationNumber } from "../../../domain/identifiers/no-organisation-number.js";

/**
 * An Enhetsregisteret sandbox that answers as data.brreg.no's open API does for one entity
 * (`GET /enhetsregisteret/api/enheter/{orgnr}`): 200 with the entity and its status flags, 410
 * Gone with `slettedato` for a deleted one, 404 for an unknown number, 400 for a number that is not
 * nine digits with a valid check digit. Entities are given (or changed) by the test or the command
 * line; `down` makes it answer 503, to show that a lookup waits and retries.
 */
export interface SandboxEntity {
  organisasjonsnummer: string;
  navn: string;
  organisasjonsform?: { kode: string; beskrivelse: string };
  konkurs?: boolean;
  konkursdato?: string;
  underAvvikling?: boolean;
  underTvangsavviklingEllerTvangsopplosning?: boolean;
  slettedato?: string;
}

export interface BrregSandbox {
  url: string;
  entities: Map<string, SandboxEntity>;
  down: boolean;
  /** Every organisation number asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startBrregSandbox(options: { port?: number; entities?: readonly SandboxEntity[] } = {}): Promise<BrregSandbox> {
  const state = { entities: new Map((options.entities ?? []).map((e) => [e.organisasjonsnummer, e])), down: false, requests: [] as string[] };
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const m = /^\/enhetsregisteret\/api\/enheter\/([^/?]+)$/.exec((req.url ?? "").split("?")[0]!);
    if (req.method !== "GET" || !m) return send(404, { status: 404, error: "Not Found", path: req.url });
    const orgnr = decodeURIComponent(m[1]!);
    sandbox.requests.push(orgnr);
    if (sandbox.down) return send(503, { status: 503, error: "Service Unavailable" });
    if (!checkNoOrganisationNumber(orgnr).valid) return send(400, { status: 400, error: "Bad Request", message: `Ugyldig organisasjonsnummer: ${orgnr}`, path: req.url });
    const e = sandbox.entities.get(orgnr);
    if (!e) return send(404, { status: 404, error: "Not Found", message: `Ingen enhet med organisasjonsnummer ${orgnr} ble funnet`, path: req.url });
    const links = { self: { href: `${sandbox.url}/enhetsregisteret/api/enheter/${orgnr}` } };
    if (e.slettedato) return send(410, { organisasjonsnummer: e.organisasjonsnummer, navn: e.navn, organisasjonsform: e.organisasjonsform ?? { kode: "AS", beskrivelse: "Aksjeselskap" }, slettedato: e.slettedato, _links: links });
    send(200, {
      organisasjonsnummer: e.organisasjonsnummer,
      navn: e.navn,
      organisasjonsform: e.organisasjonsform ?? { kode: "AS", beskrivelse: "Aksjeselskap" },
      konkurs: e.konkurs ?? false,
      ...(e.konkursdato ? { konkursdato: e.konkursdato } : {}),
      underAvvikling: e.underAvvikling ?? false,
      underTvangsavviklingEllerTvangsopplosning: e.underTvangsavviklingEllerTvangsopplosning ?? false,
      _links: links,
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const sandbox: BrregSandbox = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    entities: state.entities,
    down: false,
    requests: state.requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return sandbox;
}
