-- CreateEnum
CREATE TYPE "RedactionReason" AS ENUM ('PRIVILEGE', 'PERSONAL_DATA', 'TRADE_SECRET', 'NON_RESPONSIVE');

-- CreateTable
CREATE TABLE "redactions" (
    "id" UUID NOT NULL,
    "evidence_version_id" UUID NOT NULL,
    "page" INTEGER NOT NULL,
    "x" DOUBLE PRECISION NOT NULL,
    "y" DOUBLE PRECISION NOT NULL,
    "width" DOUBLE PRECISION NOT NULL,
    "height" DOUBLE PRECISION NOT NULL,
    "reason" "RedactionReason" NOT NULL,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "redactions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "redactions_evidence_version_id_page_idx" ON "redactions"("evidence_version_id", "page");

-- AddForeignKey
ALTER TABLE "redactions" ADD CONSTRAINT "redactions_evidence_version_id_fkey" FOREIGN KEY ("evidence_version_id") REFERENCES "evidence_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "redactions" ADD CONSTRAINT "redactions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

