-- AlterTable
ALTER TABLE "audits" ADD COLUMN     "default_reviewer_id" UUID;

-- AddForeignKey
ALTER TABLE "audits" ADD CONSTRAINT "audits_default_reviewer_id_fkey" FOREIGN KEY ("default_reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

