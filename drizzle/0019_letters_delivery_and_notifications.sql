CREATE SEQUENCE "public"."letter_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1;--> statement-breakpoint
CREATE TABLE "notification_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"message_id" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "letters_case_kind_day";--> statement-breakpoint
ALTER TABLE "debtors" ADD COLUMN "customer_number" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "copy_of" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "digest_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_log" ADD CONSTRAINT "notification_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_log_key" ON "notification_log" USING btree ("user_id","kind","key");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_number_key" ON "letters" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_case_kind_day" ON "letters" USING btree ("case_id","kind","sent_on") WHERE "letters"."copy_of" is null;