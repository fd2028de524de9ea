CREATE SEQUENCE "public"."letter_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1;--> statement-breakpoint
DROP INDEX "letters_case_kind_day";--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "customer_number" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "copy_of" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "letters_number_key" ON "letters" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_case_kind_day" ON "letters" USING btree ("case_id","kind","sent_on") WHERE "letters"."copy_of" is null;