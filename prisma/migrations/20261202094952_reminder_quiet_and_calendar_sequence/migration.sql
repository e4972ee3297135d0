-- AlterTable
ALTER TABLE "audit_members" ADD COLUMN     "reminders_off_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "audits" ADD COLUMN     "deadline_revision" INTEGER NOT NULL DEFAULT 0;

