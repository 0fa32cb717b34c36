ALTER TABLE "chain_cursors" ADD COLUMN "walk_started_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "chain_cursors" ADD COLUMN "covered_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "probed_at" timestamp (3) with time zone;