-- AlterTable
ALTER TABLE "production_documents" ADD COLUMN     "privilege_redacted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "redaction_count" INTEGER NOT NULL DEFAULT 0;

