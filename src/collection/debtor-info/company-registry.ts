/**
 * The company register port: a company's status by organisation number, from the Brønnøysund
 * Register Centre's open Enhetsregisteret API (no key): `GET {base}/enhetsregisteret/api/enheter/{orgnr}`.
 * Per its documentation (data.brreg.no/enhetsregisteret/api/dokumentasjon): 200 with the entity
 * (`organisasjonsnummer`, `navn`, `organisasjonsform`, `konkurs`, `underAvvikling`,
 * `underTvangsavviklingEllerTvangsopplosning`, …); a deleted entity answers 410 Gone with
 * `slettedato`; an unknown number 404; an invalid one 400. A `konkursdato` field is read when
 * present (its presence is UNCERTAIN). A register that does not answer, or answers otherwise, is
 * `unavailable`: the caller waits and retries, never treats it as "no remark".
 */
export type CompanyStatus =
  | { readonly found: true; readonly orgNumber: string; readonly name: string; /** `organisasjonsform.kode`: AS, ENK (sole proprietorship), … */ readonly organisationForm: string | null; readonly bankrupt: boolean; readonly bankruptcyDate: string | null; readonly windingUp: boolean; readonly forcedDissolution: boolean; readonly deletedOn: string | null }
  | { readonly found: false; readonly orgNumber: string };

export class RegistryUnavailable extends Error {
  constructor(readonly detail: string) {
    super(`the company register is unavailable: ${detail}`);
    this.name = "RegistryUnavailable";
  }
}

export interface CompanyRegistry {
  lookup(orgNumber: string): Promise<CompanyStatus>;
}

interface EnhetJson {
  organisasjonsnummer?: string;
  navn?: string;
  organisasjonsform?: { kode?: string };
  konkurs?: boolean;
  konkursdato?: string;
  underAvvikling?: boolean;
  underTvangsavviklingEllerTvangsopplosning?: boolean;
  slettedato?: string;
}

/** The HTTP adapter: `baseUrl` is `https://data.brreg.no` in production, a sandbox's URL in tests. */
export function enhetsregisteret(baseUrl: string, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): CompanyRegistry {
  const doFetch = options.fetch ?? fetch;
  return {
    async lookup(orgNumber) {
      const url = `${baseUrl.replace(/\/$/, "")}/enhetsregisteret/api/enheter/${encodeURIComponent(orgNumber)}`;
      let res: Response;
      try {
        res = await doFetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      } catch (e) {
        throw new RegistryUnavailable((e as Error).message);
      }
      if (res.status === 404 || res.status === 400) return { found: false, orgNumber };
      if (res.status !== 200 && res.status !== 410) throw new RegistryUnavailable(`HTTP ${res.status}`);
      let body: EnhetJson;
      try {
        body = (await res.json()) as EnhetJson;
      } catch {
        throw new RegistryUnavailable("the answer is not JSON");
      }
      if (body.organisasjonsnummer !== orgNumber) throw new RegistryUnavailable(`the answer is for ${body.organisasjonsnummer ?? "no organisation"}, not ${orgNumber}`);
      return {
        found: true,
        orgNumber,
        name: body.navn ?? "",
        organisationForm: typeof body.organisasjonsform?.kode === "string" ? body.organisasjonsform.kode : null,
        bankrupt: body.konkurs === true,
        bankruptcyDate: body.konkursdato ?? null,
        windingUp: body.underAvvikling === true,
        forcedDissolution: body.underTvangsavviklingEllerTvangsopplosning === true,
        deletedOn: res.status === 410 || body.slettedato ? (body.slettedato ?? null) : null,
      };
    },
  };
}

/** The deployment's register (`FORDRING_BRREG_URL`), or none: then organisation numbers are checked by their check digit only. */
export function companyRegistryOf(config: { brregUrl: string | null }): CompanyRegistry | undefined {
  return config.brregUrl ? enhetsregisteret(config.brregUrl) : undefined;
}
