-- AlterTable
ALTER TABLE "audits" ADD COLUMN     "reminders_planned_at" TIMESTAMPTZ(3);

