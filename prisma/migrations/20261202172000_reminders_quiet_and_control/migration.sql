-- AlterTable
ALTER TABLE "users" ADD COLUMN     "reminder_days" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
ADD COLUMN     "reminder_hour" INTEGER,
ADD COLUMN     "reminders_paused_from" DATE,
ADD COLUMN     "reminders_paused_until" DATE;

-- AlterTable
ALTER TABLE "audits" ADD COLUMN     "reminders_pause_reason" TEXT,
ADD COLUMN     "reminders_paused_at" TIMESTAMPTZ(3),
ADD COLUMN     "reminders_paused_by_id" UUID;

-- AddForeignKey
ALTER TABLE "audits" ADD CONSTRAINT "audits_reminders_paused_by_id_fkey" FOREIGN KEY ("reminders_paused_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
