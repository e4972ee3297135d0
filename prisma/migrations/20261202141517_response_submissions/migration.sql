-- CreateTable
CREATE TABLE "response_submissions" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_by_id" UUID,
    "submitted_by_name" TEXT NOT NULL,
    "note" TEXT,
    "storage_key" TEXT NOT NULL,
    "package_sha256" TEXT NOT NULL,
    "package_size_bytes" BIGINT NOT NULL,
    "files" JSONB NOT NULL,
    "requests" JSONB NOT NULL,

    CONSTRAINT "response_submissions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "response_submissions_audit_id_version_key" ON "response_submissions"("audit_id", "version");

-- AddForeignKey
ALTER TABLE "response_submissions" ADD CONSTRAINT "response_submissions_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_submissions" ADD CONSTRAINT "response_submissions_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

