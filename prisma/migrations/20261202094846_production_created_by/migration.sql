-- AddForeignKey
ALTER TABLE "productions" ADD CONSTRAINT "productions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

