ALTER TABLE "payment_resolutions" DROP CONSTRAINT "payment_resolutions_resolution_check";--> statement-breakpoint
ALTER TABLE "order_status_events" ADD COLUMN "message" text;--> statement-breakpoint
ALTER TABLE "payment_resolutions" ADD COLUMN "refund_base_units" bigint;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "accepted_base_units" bigint;--> statement-breakpoint
-- Before the unique index: a signature that (wrongly) closed more than one item keeps it on the
-- oldest resolution; the later ones keep it in their note so nothing is lost.
UPDATE "payment_resolutions" r SET "refund_signature" = NULL,
  "note" = r."note" || ' [refund signature ' || r."refund_signature" || ' also closed an earlier item]'
WHERE r."refund_signature" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "payment_resolutions" o
  WHERE o."refund_signature" = r."refund_signature"
    AND (o."created_at", o."id") < (r."created_at", r."id"));--> statement-breakpoint
CREATE UNIQUE INDEX "payment_resolutions_refund_signature_idx" ON "payment_resolutions" USING btree ("refund_signature");--> statement-breakpoint
ALTER TABLE "payment_resolutions" ADD CONSTRAINT "payment_resolutions_resolution_check" CHECK (resolution in ('refunded', 'accepted', 'change_returned', 'dismissed'));