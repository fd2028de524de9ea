-- Settlements made before 0.1 with nothing to post queued a voucher with no lines, which the
-- ledger refuses ("levering feilet" on a 0,00 settlement). There is nothing to deliver: such rows
-- are superseded, with the reason kept on the row.
UPDATE "outbox" o SET "status" = 'superseded', "last_error" = 'nothing to post: the settlement voucher has no lines'
  FROM "settlements" s
 WHERE o."kind" = 'settlement-voucher' AND o."status" IN ('pending', 'failed')
   AND o."idempotency_key" = 'settlement-voucher:' || s."id"::text
   AND jsonb_array_length(coalesce(s."voucher"->'lines', '[]'::jsonb)) = 0;
