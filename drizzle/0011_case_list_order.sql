DROP INDEX "cases_creditor_number";--> statement-breakpoint
CREATE INDEX "cases_creditor_newest" ON "cases" USING btree ("creditor_id",length("case_number"),"case_number");--> statement-breakpoint
CREATE INDEX "cases_newest" ON "cases" USING btree (length("case_number"),"case_number");