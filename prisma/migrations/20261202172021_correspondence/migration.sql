-- CreateEnum
CREATE TYPE "CorrespondenceDirection" AS ENUM ('RECEIVED', 'SENT');

-- CreateEnum
CREATE TYPE "CorrespondenceChannel" AS ENUM ('LETTER', 'EMAIL', 'CALL', 'MEETING', 'OTHER');

-- AlterTable
ALTER TABLE "evidence" ADD COLUMN     "correspondence_id" UUID;

-- CreateTable
CREATE TABLE "correspondence" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL,
    "direction" "CorrespondenceDirection" NOT NULL,
    "channel" "CorrespondenceChannel" NOT NULL,
    "from_party" TEXT NOT NULL,
    "to_party" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "summary" TEXT,
    "request_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "extension_id" UUID,
    "demand_letter" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "correspondence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "correspondence_audit_id_occurred_at_idx" ON "correspondence"("audit_id", "occurred_at");

-- CreateIndex
CREATE INDEX "evidence_correspondence_id_idx" ON "evidence"("correspondence_id");

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_correspondence_id_fkey" FOREIGN KEY ("correspondence_id") REFERENCES "correspondence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "correspondence" ADD CONSTRAINT "correspondence_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "correspondence" ADD CONSTRAINT "correspondence_extension_id_fkey" FOREIGN KEY ("extension_id") REFERENCES "audit_extensions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "correspondence" ADD CONSTRAINT "correspondence_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

