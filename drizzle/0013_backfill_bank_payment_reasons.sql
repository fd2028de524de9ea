-- Bank lines queued before the reason was stored as a code (0012): their code and facts, read once
-- from the English note they were stored with (the texts of noteText in
-- src/collection/payments/bank-lines.ts). A note that is none of these keeps no code.
WITH r AS (
  SELECT id,
    CASE
      WHEN note = 'no KID on the payment' THEN jsonb_build_object('code', 'no_kid')
      WHEN note = 'not a positive amount' THEN jsonb_build_object('code', 'not_positive')
      WHEN note ~ '^the KID .+ fails its check digit' THEN (
        SELECT jsonb_build_object('code', 'kid_check_digit', 'kid', m[1], 'detail', m[2])
          FROM regexp_match(note, '^the KID (\S+) fails its check digit(?: \((.*)\))?$') AS m)
      WHEN note ~ '^no case has the KID ' THEN jsonb_build_object('code', 'unknown_kid', 'kid', substr(note, length('no case has the KID ') + 1))
      WHEN note ~ '^the payment is in [A-Z]{3}$' THEN jsonb_build_object('code', 'foreign_currency', 'currency', right(note, 3))
      WHEN note ~ '^the same bank transaction \(.+\) was recorded before$' THEN (
        SELECT jsonb_build_object('code', 'duplicate', 'bankReference', m[1])
          FROM regexp_match(note, '^the same bank transaction \((.+)\) was recorded before$') AS m)
      WHEN note ~ '^could not be recorded on the case: receivedOn: the payment is dated \d{4}-\d{2}-\d{2}, after today \d{4}-\d{2}-\d{2}$' THEN (
        SELECT jsonb_build_object('code', 'dated_after_today', 'bookedOn', m[1], 'today', m[2])
          FROM regexp_match(note, 'dated (\d{4}-\d{2}-\d{2}), after today (\d{4}-\d{2}-\d{2})$') AS m)
      WHEN note ~ '^could not be recorded on the case: receivedOn: the payment is dated \d{4}-\d{2}-\d{2}, before the case''s last principal change on \d{4}-\d{2}-\d{2}; record payments in date order$' THEN (
        SELECT jsonb_build_object('code', 'dated_before_last_change', 'bookedOn', m[1], 'changedOn', m[2])
          FROM regexp_match(note, 'dated (\d{4}-\d{2}-\d{2}), before the case''s last principal change on (\d{4}-\d{2}-\d{2});') AS m)
      WHEN note LIKE 'could not be recorded on the case: %' THEN jsonb_build_object('code', 'refused', 'message', substr(note, length('could not be recorded on the case: ') + 1))
    END AS reason
  FROM bank_payments
  WHERE reason_code IS NULL AND status IN ('unmatched', 'duplicate') AND note IS NOT NULL
)
UPDATE bank_payments b
   SET reason_code = r.reason ->> 'code', reason_data = r.reason - 'code'
  FROM r
 WHERE b.id = r.id AND r.reason IS NOT NULL;
--> statement-breakpoint
-- Suggestions stored before their basis was stored as a code (`basis` and its facts next to `why`,
-- src/collection/payments/suggest-matches.ts): read once from their `why` text; the amount is the
-- payment's, which the case's balance equalled when it was suggested.
UPDATE bank_payments b
   SET suggestions = (
     SELECT jsonb_agg(
              CASE
                WHEN e.s->'basis' IS NOT NULL THEN e.s
                WHEN e.s->>'why' ~ '^invoice number \S+ in the payment text$'
                  THEN e.s || jsonb_build_object('basis', 'invoice_number', 'invoiceNumber', substring(e.s->>'why' from '^invoice number (\S+) in the payment text$'))
                WHEN e.s->>'why' = 'open balance equals the amount' AND b.amount_minor IS NOT NULL
                  THEN e.s || jsonb_build_object('basis', 'same_amount', 'amountMinor', b.amount_minor)
                WHEN starts_with(e.s->>'why', 'open balance equals the amount and the payer''s name resembles ') AND b.amount_minor IS NOT NULL
                  THEN e.s || jsonb_build_object('basis', 'same_amount_and_name', 'amountMinor', b.amount_minor,
                                                 'debtorName', substr(e.s->>'why', length('open balance equals the amount and the payer''s name resembles ') + 1))
                ELSE e.s
              END ORDER BY e.n)
       FROM jsonb_array_elements(b.suggestions) WITH ORDINALITY AS e(s, n))
 WHERE jsonb_typeof(b.suggestions) = 'array'
   AND EXISTS (SELECT 1 FROM jsonb_array_elements(b.suggestions) AS x(s) WHERE x.s->'basis' IS NULL);
