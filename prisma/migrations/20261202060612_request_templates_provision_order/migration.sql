-- AlterTable
ALTER TABLE "provisions" ADD COLUMN     "position" INTEGER;

-- CreateTable
CREATE TABLE "request_templates" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "request_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_template_provisions" (
    "id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT,

    CONSTRAINT "request_template_provisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_template_items" (
    "id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "provision_id" UUID,

    CONSTRAINT "request_template_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "request_templates_name_key" ON "request_templates"("name");

-- CreateIndex
CREATE UNIQUE INDEX "request_template_provisions_template_id_reference_key" ON "request_template_provisions"("template_id", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "request_template_items_template_id_ordinal_key" ON "request_template_items"("template_id", "ordinal");

-- AddForeignKey
ALTER TABLE "request_templates" ADD CONSTRAINT "request_templates_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_template_provisions" ADD CONSTRAINT "request_template_provisions_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "request_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_template_items" ADD CONSTRAINT "request_template_items_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "request_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_template_items" ADD CONSTRAINT "request_template_items_provision_id_fkey" FOREIGN KEY ("provision_id") REFERENCES "request_template_provisions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

