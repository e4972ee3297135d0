-- CreateEnum
CREATE TYPE "ReminderStatus" AS ENUM ('SCHEDULED', 'SENDING', 'SENT', 'CANCELLED', 'FAILED');

-- AlterTable
ALTER TABLE "audits" ADD COLUMN     "reminder_policy" JSONB;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "calendar_token_hash" TEXT;

-- CreateTable
CREATE TABLE "reminders" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "send_at" TIMESTAMPTZ(3) NOT NULL,
    "reasons" TEXT[],
    "item_ids" UUID[],
    "status" "ReminderStatus" NOT NULL DEFAULT 'SCHEDULED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "message_id" TEXT,
    "last_error" TEXT,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reminders_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reminders_audit_id_status_send_at_idx" ON "reminders"("audit_id", "status", "send_at");

-- CreateIndex
CREATE INDEX "reminders_recipient_id_send_at_status_idx" ON "reminders"("recipient_id", "send_at", "status");

-- CreateIndex
CREATE INDEX "reminders_status_send_at_idx" ON "reminders"("status", "send_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_calendar_token_hash_key" ON "users"("calendar_token_hash");

-- AddForeignKey
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

