CREATE TABLE "chain_cursors" (
	"address" text PRIMARY KEY NOT NULL,
	"head_signature" text,
	"head_slot" bigint,
	"covered_from_slot" bigint,
	"covered_slot" bigint,
	"walk_slot" bigint,
	"walk_top_signature" text,
	"walk_top_slot" bigint,
	"walk_before" text,
	"claimed_until" timestamp (3) with time zone,
	"claimed_by" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_signatures" (
	"signature" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"slot" bigint NOT NULL,
	"block_time" timestamp (3) with time zone,
	"on_merchant_account" boolean DEFAULT false NOT NULL,
	"payment_id" uuid,
	"unreadable" integer DEFAULT 0 NOT NULL,
	"fetched_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_signatures_kind_check" CHECK (kind in ('pending', 'payment', 'junk', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "payment_resolutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"resolution" text NOT NULL,
	"note" text NOT NULL,
	"refund_signature" text,
	"admin_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_resolutions_resolution_check" CHECK (resolution in ('refunded', 'accepted', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "payment_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"signature" text NOT NULL,
	"amount_base_units" bigint NOT NULL,
	"slot" bigint NOT NULL,
	"block_time" timestamp (3) with time zone,
	"finalized_at" timestamp (3) with time zone,
	"missing_since" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_transfers_amount_check" CHECK ("payment_transfers"."amount_base_units" > 0)
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "reviewed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "chain_signatures" ADD CONSTRAINT "chain_signatures_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_resolutions" ADD CONSTRAINT "payment_resolutions_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_resolutions" ADD CONSTRAINT "payment_resolutions_admin_id_users_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_signatures_pending_idx" ON "chain_signatures" USING btree ("slot") WHERE "chain_signatures"."kind" = 'pending';--> statement-breakpoint
CREATE INDEX "payment_resolutions_payment_id_idx" ON "payment_resolutions" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_transfers_signature_key" ON "payment_transfers" USING btree ("signature");--> statement-breakpoint
CREATE INDEX "payment_transfers_payment_id_idx" ON "payment_transfers" USING btree ("payment_id");--> statement-breakpoint
-- Payments recorded before transfers had their own table keep their one transfer (slot unknown: 0).
INSERT INTO "payment_transfers" ("payment_id", "signature", "amount_base_units", "slot", "created_at")
SELECT "id", "tx_signature", "received_base_units", 0, coalesce("seen_at", now()) FROM "payments"
WHERE "tx_signature" IS NOT NULL AND "received_base_units" > 0;
