-- CreateTable
CREATE TABLE "subject_dispositions" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "subject_id" UUID NOT NULL,
    "disposition" "Disposition",
    "response_text" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subject_dispositions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "subject_dispositions_audit_id_idx" ON "subject_dispositions"("audit_id");

-- CreateIndex
CREATE INDEX "subject_dispositions_subject_id_idx" ON "subject_dispositions"("subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "subject_dispositions_request_id_subject_id_key" ON "subject_dispositions"("request_id", "subject_id");

-- AddForeignKey
ALTER TABLE "subject_dispositions" ADD CONSTRAINT "subject_dispositions_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_dispositions" ADD CONSTRAINT "subject_dispositions_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_dispositions" ADD CONSTRAINT "subject_dispositions_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_dispositions" ADD CONSTRAINT "subject_dispositions_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

