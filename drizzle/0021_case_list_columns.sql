-- The case list's two names on the case row (issue 13): a list page is one index range scan on
-- cases, with no probe into claims and debtors per row. The database keeps the copies: filled when
-- a case is inserted, rewritten when a claim's invoice number or a debtor's name changes.
ALTER TABLE "cases" ADD COLUMN "invoice_number" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "debtor_name" text;--> statement-breakpoint
UPDATE "cases" c SET "invoice_number" = cl."invoice_number", "debtor_name" = d."name" FROM "claims" cl, "debtors" d WHERE cl."id" = c."claim_id" AND d."id" = c."debtor_id";--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "invoice_number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "debtor_name" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_debtor" ON "cases" USING btree ("debtor_id");--> statement-breakpoint
CREATE FUNCTION "fordring_case_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT cl.invoice_number INTO NEW.invoice_number FROM claims cl WHERE cl.id = NEW.claim_id;
  SELECT d.name INTO NEW.debtor_name FROM debtors d WHERE d.id = NEW.debtor_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "cases_names_on_insert" BEFORE INSERT ON "cases" FOR EACH ROW EXECUTE FUNCTION "fordring_case_names"();--> statement-breakpoint
CREATE TRIGGER "cases_names_on_relink" BEFORE UPDATE OF "claim_id", "debtor_id" ON "cases" FOR EACH ROW
  WHEN (OLD."claim_id" IS DISTINCT FROM NEW."claim_id" OR OLD."debtor_id" IS DISTINCT FROM NEW."debtor_id") EXECUTE FUNCTION "fordring_case_names"();--> statement-breakpoint
CREATE FUNCTION "fordring_claim_number_to_cases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET invoice_number = NEW.invoice_number WHERE claim_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "claims_number_to_cases" AFTER UPDATE OF "invoice_number" ON "claims" FOR EACH ROW
  WHEN (OLD."invoice_number" IS DISTINCT FROM NEW."invoice_number") EXECUTE FUNCTION "fordring_claim_number_to_cases"();--> statement-breakpoint
CREATE FUNCTION "fordring_debtor_name_to_cases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET debtor_name = NEW.name WHERE debtor_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "debtors_name_to_cases" AFTER UPDATE OF "name" ON "debtors" FOR EACH ROW
  WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "fordring_debtor_name_to_cases"();
