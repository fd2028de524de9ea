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
