-- CreateEnum
CREATE TYPE "ProductionStatus" AS ENUM ('DRAFT', 'PRODUCING', 'PRODUCED', 'FAILED');

-- CreateEnum
CREATE TYPE "ProductionFileKind" AS ENUM ('IMAGE', 'NATIVE', 'TEXT', 'DATA', 'INDEX');

-- CreateEnum
CREATE TYPE "PrivilegeType" AS ENUM ('ATTORNEY_CLIENT', 'WORK_PRODUCT', 'COMMON_INTEREST', 'OTHER');

-- CreateEnum
CREATE TYPE "PrivilegeTreatment" AS ENUM ('WITHHELD', 'REDACTED');

-- CreateTable
CREATE TABLE "production_designations" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "production_designations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "productions" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "bates_prefix" TEXT NOT NULL,
    "start_number" INTEGER NOT NULL,
    "pad_width" INTEGER NOT NULL,
    "recipient" TEXT NOT NULL,
    "production_date" DATE NOT NULL,
    "delivery_method" TEXT NOT NULL,
    "status" "ProductionStatus" NOT NULL DEFAULT 'DRAFT',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "first_number" INTEGER,
    "last_number" INTEGER,
    "page_count" INTEGER,
    "zip_storage_key" TEXT,
    "zip_sha256" TEXT,
    "zip_size_bytes" BIGINT,
    "produced_at" TIMESTAMPTZ(3),
    "produced_by_id" UUID,
    "last_verified_at" TIMESTAMPTZ(3),
    "last_verification" "IntegrityResult",
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "productions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "production_documents" (
    "id" UUID NOT NULL,
    "production_id" UUID NOT NULL,
    "evidence_version_id" UUID NOT NULL,
    "designation" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "begin_number" INTEGER,
    "end_number" INTEGER,
    "page_count" INTEGER,
    "produced_sha256" TEXT,

    CONSTRAINT "production_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "production_files" (
    "id" UUID NOT NULL,
    "production_id" UUID NOT NULL,
    "document_id" UUID,
    "kind" "ProductionFileKind" NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "storage_key" TEXT NOT NULL,

    CONSTRAINT "production_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bates_numbers" (
    "audit_id" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "production_id" UUID NOT NULL,

    CONSTRAINT "bates_numbers_pkey" PRIMARY KEY ("audit_id","prefix","number")
);

-- CreateTable
CREATE TABLE "privilege_log_entries" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "evidence_version_id" UUID,
    "categorical" BOOLEAN NOT NULL DEFAULT false,
    "document_date" DATE,
    "document_type" TEXT NOT NULL,
    "author" TEXT,
    "recipients_to" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "recipients_cc" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "description" TEXT NOT NULL,
    "privilege" "PrivilegeType" NOT NULL,
    "privilege_other" TEXT,
    "treatment" "PrivilegeTreatment" NOT NULL,
    "bates_begin" TEXT,
    "bates_end" TEXT,
    "request_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "document_count" INTEGER,
    "date_from" DATE,
    "date_to" DATE,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "privilege_log_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "production_designations_audit_id_label_key" ON "production_designations"("audit_id", "label");

-- CreateIndex
CREATE INDEX "productions_audit_id_created_at_idx" ON "productions"("audit_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "productions_audit_id_name_key" ON "productions"("audit_id", "name");

-- CreateIndex
CREATE INDEX "production_documents_evidence_version_id_idx" ON "production_documents"("evidence_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "production_documents_production_id_evidence_version_id_key" ON "production_documents"("production_id", "evidence_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "production_files_production_id_path_key" ON "production_files"("production_id", "path");

-- CreateIndex
CREATE INDEX "bates_numbers_production_id_idx" ON "bates_numbers"("production_id");

-- CreateIndex
CREATE INDEX "privilege_log_entries_evidence_version_id_idx" ON "privilege_log_entries"("evidence_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "privilege_log_entries_audit_id_sequence_key" ON "privilege_log_entries"("audit_id", "sequence");

-- AddForeignKey
ALTER TABLE "production_designations" ADD CONSTRAINT "production_designations_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "productions" ADD CONSTRAINT "productions_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "productions" ADD CONSTRAINT "productions_produced_by_id_fkey" FOREIGN KEY ("produced_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "production_documents" ADD CONSTRAINT "production_documents_production_id_fkey" FOREIGN KEY ("production_id") REFERENCES "productions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "production_documents" ADD CONSTRAINT "production_documents_evidence_version_id_fkey" FOREIGN KEY ("evidence_version_id") REFERENCES "evidence_versions"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "production_files" ADD CONSTRAINT "production_files_production_id_fkey" FOREIGN KEY ("production_id") REFERENCES "productions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bates_numbers" ADD CONSTRAINT "bates_numbers_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bates_numbers" ADD CONSTRAINT "bates_numbers_production_id_fkey" FOREIGN KEY ("production_id") REFERENCES "productions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "privilege_log_entries" ADD CONSTRAINT "privilege_log_entries_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "privilege_log_entries" ADD CONSTRAINT "privilege_log_entries_evidence_version_id_fkey" FOREIGN KEY ("evidence_version_id") REFERENCES "evidence_versions"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

