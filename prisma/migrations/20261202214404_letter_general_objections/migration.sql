-- AlterTable
ALTER TABLE "response_letters" ADD COLUMN     "general_objections" TEXT;

