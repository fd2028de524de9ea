/**
 * Writes a camt.054.001.08 notification of incoming payments for tests (valid against the
 * official XSD, which the importer checks): one booked credit entry per payment, with the KID as
 * a structured creditor reference (SCOR) or free text.
 */
export interface CamtPayment {
  amount: string;
  kid?: string;
  text?: string;
  payer?: string;
  /** The entry's currency (default NOK, the account's). */
  currency?: string;
}

export function camt054(id: string, bookedOn: string, payments: readonly CamtPayment[], options: { summarySum?: string } = {}): string {
  const sum = payments.reduce((a, p) => a + Math.round(Number(p.amount) * 100), 0);
  const total = options.summarySum ?? (sum / 100).toFixed(2);
  const entries = payments
    .map(
      (p, i) => `
    <Ntry>
      <NtryRef>${i + 1}</NtryRef>
      <Amt Ccy="${p.currency ?? "NOK"}">${p.amount}</Amt>
      <CdtDbtInd>CRDT</CdtDbtInd>
      <Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>${bookedOn}</Dt></BookgDt>
      <ValDt><Dt>${bookedOn}</Dt></ValDt>
      <AcctSvcrRef>${id}-${i + 1}</AcctSvcrRef>
      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>VCOM</SubFmlyCd></Fmly></Domn></BkTxCd>
      <NtryDtls>
        <TxDtls>
          <Refs><AcctSvcrRef>${id}-${i + 1}-1</AcctSvcrRef></Refs>
          <Amt Ccy="${p.currency ?? "NOK"}">${p.amount}</Amt>
          <CdtDbtInd>CRDT</CdtDbtInd>
          ${p.payer ? `<RltdPties><Dbtr><Pty><Nm>${p.payer}</Nm></Pty></Dbtr></RltdPties>` : ""}
          <RmtInf>${
            p.kid
              ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${p.kid}</Ref></CdtrRefInf></Strd>`
              : `<Ustrd>${p.text ?? ""}</Ustrd>`
          }</RmtInf>
        </TxDtls>
      </NtryDtls>
    </Ntry>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>${id}</MsgId><CreDtTm>${bookedOn}T06:00:00+01:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>${id}-N</Id>
      <CreDtTm>${bookedOn}T06:00:00+01:00</CreDtTm>
      <Acct><Id><IBAN>NO9386011117947</IBAN></Id><Ccy>NOK</Ccy></Acct>
      <TxsSummry>
        <TtlNtries><NbOfNtries>${payments.length}</NbOfNtries><Sum>${total}</Sum></TtlNtries>
        <TtlCdtNtries><NbOfNtries>${payments.length}</NbOfNtries><Sum>${total}</Sum></TtlCdtNtries>
      </TxsSummry>${entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}

/**
 * The same payments as a camt.053.001.08 bank statement (BankToCustomerStatement): the statement
 * (Stmt) takes the notification's place and carries the closing balance the schema requires.
 */
export function camt053(id: string, bookedOn: string, payments: readonly CamtPayment[]): string {
  const sum = payments.reduce((a, p) => a + Math.round(Number(p.amount) * 100), 0);
  const balance = `<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="NOK">${(sum / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${bookedOn}</Dt></Dt></Bal>`;
  return camt054(id, bookedOn, payments)
    .replace("camt.054.001.08", "camt.053.001.08")
    .replace(/BkToCstmrDbtCdtNtfctn>/g, "BkToCstmrStmt>")
    .replace(/Ntfctn>/g, "Stmt>")
    .replace(/(<\/Acct>)/, `$1\n      ${balance}`);
}
