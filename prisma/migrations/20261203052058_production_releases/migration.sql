-- CreateTable
CREATE TABLE "production_releases" (
    "id" UUID NOT NULL,
    "production_id" UUID NOT NULL,
    "recipient_name" TEXT NOT NULL,
    "recipient_email" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "token_hash" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "failed_code_attempts" INTEGER NOT NULL DEFAULT 0,
    "grant_hash" TEXT,
    "grant_expires_at" TIMESTAMPTZ(3),
    "mailed_at" TIMESTAMPTZ(3),

    CONSTRAINT "production_releases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "production_release_downloads" (
    "id" UUID NOT NULL,
    "release_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "client_address" TEXT,
    "bytes_sent" BIGINT NOT NULL DEFAULT 0,
    "complete" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "production_release_downloads_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "production_releases_token_hash_key" ON "production_releases"("token_hash");

-- CreateIndex
CREATE INDEX "production_releases_production_id_created_at_idx" ON "production_releases"("production_id", "created_at");

-- CreateIndex
CREATE INDEX "production_release_downloads_release_id_started_at_idx" ON "production_release_downloads"("release_id", "started_at");

-- AddForeignKey
ALTER TABLE "production_releases" ADD CONSTRAINT "production_releases_production_id_fkey" FOREIGN KEY ("production_id") REFERENCES "productions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "production_releases" ADD CONSTRAINT "production_releases_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "production_releases" ADD CONSTRAINT "production_releases_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "production_release_downloads" ADD CONSTRAINT "production_release_downloads_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "production_releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

