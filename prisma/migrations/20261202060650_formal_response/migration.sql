-- CreateEnum
CREATE TYPE "Disposition" AS ENUM ('COMPLY', 'COMPLY_IN_PART', 'OBJECT', 'NO_RESPONSIVE_INFORMATION', 'NOT_APPLICABLE');

-- CreateTable
CREATE TABLE "objections" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "wording" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "objections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_dispositions" (
    "id" UUID NOT NULL,
    "audit_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "disposition" "Disposition",
    "response_text" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "request_dispositions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disposition_objections" (
    "disposition_id" UUID NOT NULL,
    "objection_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "provision_id" UUID,
    "note" TEXT,

    CONSTRAINT "disposition_objections_pkey" PRIMARY KEY ("disposition_id","objection_id")
);

-- CreateTable
CREATE TABLE "response_letters" (
    "audit_id" UUID NOT NULL,
    "firm_name" TEXT,
    "firm_address" TEXT,
    "addressee_address" TEXT,
    "preliminary_statement" TEXT,
    "signer_name" TEXT,
    "signer_title" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "response_letters_pkey" PRIMARY KEY ("audit_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "objections_code_key" ON "objections"("code");

-- CreateIndex
CREATE UNIQUE INDEX "request_dispositions_request_id_key" ON "request_dispositions"("request_id");

-- CreateIndex
CREATE INDEX "request_dispositions_audit_id_idx" ON "request_dispositions"("audit_id");

-- CreateIndex
CREATE INDEX "disposition_objections_objection_id_idx" ON "disposition_objections"("objection_id");

-- AddForeignKey
ALTER TABLE "request_dispositions" ADD CONSTRAINT "request_dispositions_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_dispositions" ADD CONSTRAINT "request_dispositions_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_dispositions" ADD CONSTRAINT "request_dispositions_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disposition_objections" ADD CONSTRAINT "disposition_objections_disposition_id_fkey" FOREIGN KEY ("disposition_id") REFERENCES "request_dispositions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disposition_objections" ADD CONSTRAINT "disposition_objections_objection_id_fkey" FOREIGN KEY ("objection_id") REFERENCES "objections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disposition_objections" ADD CONSTRAINT "disposition_objections_provision_id_fkey" FOREIGN KEY ("provision_id") REFERENCES "provisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "response_letters" ADD CONSTRAINT "response_letters_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The usual objections, so every organisation starts with a library counsel can then edit.
INSERT INTO "objections" ("id", "code", "title", "wording", "updated_at") VALUES
  (gen_random_uuid(), 'OVERBROAD', 'Overbroad',
   'The Responding Party objects to this Request as overbroad, in that it seeks information beyond what is reasonably necessary to verify compliance with the Agreement.', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'UNDULY_BURDENSOME', 'Unduly burdensome',
   'The Responding Party objects to this Request as unduly burdensome, in that the effort and expense of responding are disproportionate to any legitimate purpose of the audit.', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'OUTSIDE_AUDIT_SCOPE', 'Outside the scope of the audit clause',
   'The Responding Party objects to this Request to the extent it seeks information outside the scope of the audit rights granted by the Agreement.', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'OUTSIDE_PERIOD', 'Outside the period covered',
   'The Responding Party objects to this Request to the extent it seeks information relating to any time outside the period covered by the audit.', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'PRIVILEGED', 'Privileged or work product',
   'The Responding Party objects to this Request to the extent it seeks information protected by the attorney-client privilege, the work-product doctrine or any other applicable privilege or protection.', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'CONFIDENTIAL', 'Confidential or trade secret',
   'The Responding Party objects to this Request to the extent it seeks confidential business information or trade secrets of the Responding Party or of third parties.', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'VAGUE', 'Vague or ambiguous',
   'The Responding Party objects to this Request as vague and ambiguous, in that it does not describe the information sought with reasonable particularity.', CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'NOT_IN_POSSESSION', 'Not in possession, custody or control',
   'The Responding Party objects to this Request to the extent it seeks information that is not in the Responding Party''s possession, custody or control.', CURRENT_TIMESTAMP);
