-- CreateEnum
CREATE TYPE "ExtensionStatus" AS ENUM ('REQUESTED', 'GRANTED', 'DENIED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('FILE', 'LINK', 'NOTE');

-- CreateEnum
CREATE TYPE "ConfidentialityLevel" AS ENUM ('INTERNAL', 'CONFIDENTIAL', 'HIGHLY_CONFIDENTIAL', 'PRIVILEGED');

-- CreateEnum
CREATE TYPE "IntegrityResult" AS ENUM ('MATCH', 'MISMATCH', 'MISSING');

-- AlterTable
ALTER TABLE "audits" ADD COLUMN     "confidentiality_legend" TEXT,
ADD COLUMN     "legal_hold_by_id" UUID,
ADD COLUMN     "legal_hold_reason" TEXT,
ADD COLUMN     "legal_hold_since" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "audit_extensions" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "requested_on" DATE NOT NULL,
    "new_deadline" TIMESTAMPTZ(3) NOT NULL,
    "status" "ExtensionStatus" NOT NULL DEFAULT 'REQUESTED',
    "previous_deadline" TIMESTAMPTZ(3),
    "decided_on" DATE,
    "note" TEXT,
    "recorded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_extensions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "custodian" TEXT,
    "source_system" TEXT,
    "collected_on" DATE,
    "url" TEXT,
    "body" TEXT,
    "confidentiality" "ConfidentialityLevel" NOT NULL DEFAULT 'CONFIDENTIAL',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "deleted_by_id" UUID,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_versions" (
    "id" UUID NOT NULL,
    "evidence_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "uploaded_by_id" UUID,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_verified_at" TIMESTAMPTZ(3),
    "last_verification" "IntegrityResult",

    CONSTRAINT "evidence_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence_responses" (
    "evidence_id" UUID NOT NULL,
    "response_id" UUID NOT NULL,
    "linked_by_id" UUID,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_responses_pkey" PRIMARY KEY ("evidence_id","response_id")
);

-- CreateIndex
CREATE INDEX "audit_extensions_audit_id_requested_on_idx" ON "audit_extensions"("audit_id", "requested_on");

-- CreateIndex
CREATE INDEX "evidence_audit_id_created_at_idx" ON "evidence"("audit_id", "created_at");

-- CreateIndex
CREATE INDEX "evidence_versions_sha256_idx" ON "evidence_versions"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_versions_evidence_id_number_key" ON "evidence_versions"("evidence_id", "number");

-- CreateIndex
CREATE INDEX "evidence_responses_response_id_idx" ON "evidence_responses"("response_id");

-- AddForeignKey
ALTER TABLE "audits" ADD CONSTRAINT "audits_legal_hold_by_id_fkey" FOREIGN KEY ("legal_hold_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_extensions" ADD CONSTRAINT "audit_extensions_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_extensions" ADD CONSTRAINT "audit_extensions_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_deleted_by_id_fkey" FOREIGN KEY ("deleted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_responses" ADD CONSTRAINT "evidence_responses_evidence_id_fkey" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_responses" ADD CONSTRAINT "evidence_responses_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_responses" ADD CONSTRAINT "evidence_responses_linked_by_id_fkey" FOREIGN KEY ("linked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

