-- CreateEnum
CREATE TYPE "CertificationMethod" AS ENUM ('ELECTRONIC', 'WET_SIGNATURE');

-- AlterTable
ALTER TABLE "audit_members" ADD COLUMN     "can_certify" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "submission_certifications" (
    "id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "method" "CertificationMethod" NOT NULL,
    "certified_at" TIMESTAMPTZ(3) NOT NULL,
    "signer_id" UUID,
    "signer_name" TEXT NOT NULL,
    "signer_title" TEXT NOT NULL,
    "signer_entity" TEXT NOT NULL,
    "client_address" TEXT,
    "package_sha256" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "certificate_key" TEXT NOT NULL,
    "certificate_sha256" TEXT NOT NULL,
    "certificate_size_bytes" BIGINT NOT NULL,
    "scan_key" TEXT,
    "scan_sha256" TEXT,
    "scan_size_bytes" BIGINT,
    "scan_file_name" TEXT,
    "scan_media_type" TEXT,

    CONSTRAINT "submission_certifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "submission_certifications_submission_id_key" ON "submission_certifications"("submission_id");

-- AddForeignKey
ALTER TABLE "submission_certifications" ADD CONSTRAINT "submission_certifications_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "response_submissions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_certifications" ADD CONSTRAINT "submission_certifications_signer_id_fkey" FOREIGN KEY ("signer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

