import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { lockForTransaction, PrismaService } from '@app/db';
import { BlobStore } from '@app/storage';

/**
 * Removes a stored file that no row references any more: after a failed upload, submission or
 * certification, or when the one row that held it is deleted. Storage is content-addressed and
 * shared (evidence and source documents, a volume's files and ZIP, a submitted package, a
 * certificate or a signed scan may all be the very same bytes), so every table that records a
 * storage key is asked, in one statement, under the key's lock: the lock uploads of the same
 * bytes take while recording, so a row never comes to point at a file removed here.
 */
@Injectable()
export class StoredFileCleanup {
  private readonly logger = new Logger(StoredFileCleanup.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly store: BlobStore,
  ) {}

  /**
   * Best effort: the caller's request has its own outcome to report, so a file that cannot be
   * removed is only logged (the integrity sweep does not mind a file no row names).
   * Returns whether the file was removed.
   */
  async removeIfUnreferenced(key: string): Promise<boolean> {
    return this.prisma
      .$transaction(async (tx) => {
        await lockForTransaction(tx, key);
        // One statement: the clean-up holds the key's lock as briefly as it can.
        const [{ referenced }] = await tx.$queryRaw<{ referenced: boolean }[]>`
          SELECT EXISTS (SELECT 1 FROM evidence_versions WHERE storage_key = ${key})
              OR EXISTS (SELECT 1 FROM production_files WHERE storage_key = ${key})
              OR EXISTS (SELECT 1 FROM productions WHERE zip_storage_key = ${key})
              OR EXISTS (SELECT 1 FROM response_submissions WHERE storage_key = ${key})
              OR EXISTS (SELECT 1 FROM submission_certifications WHERE certificate_key = ${key} OR scan_key = ${key})
              AS referenced`;
        if (referenced) return false;
        await this.store.delete(key);
        return true;
      })
      .catch((error: unknown) => {
        this.logger.warn(`could not remove the unreferenced stored file ${key}: ${String(error)}`);
        return false;
      });
  }
}

/** Global: every feature that stores files cleans up through the one StoredFileCleanup. */
@Global()
@Module({ providers: [StoredFileCleanup], exports: [StoredFileCleanup] })
export class StoredFileCleanupModule {}
