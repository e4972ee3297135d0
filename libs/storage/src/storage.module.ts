import { Global, Module } from '@nestjs/common';
import path from 'node:path';
import { AppConfig } from '@app/config';
import { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';
import type { S3BlobStore } from './s3-blob-store';

/** The BlobStore the environment selects (STORAGE_DRIVER), for API and worker alike. */
export function createBlobStore(config: AppConfig): BlobStore {
  if (config.STORAGE_DRIVER === 's3') {
    // Loaded only when chosen: the AWS SDK adds tens of MB to every process that imports it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { S3BlobStore: Driver } = require('./s3-blob-store') as { S3BlobStore: typeof S3BlobStore };
    return new Driver({
      bucket: config.S3_BUCKET!,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalBlobStore(path.resolve(config.STORAGE_DIR));
}

@Global()
@Module({
  providers: [{ provide: BlobStore, inject: [AppConfig], useFactory: createBlobStore }],
  exports: [BlobStore],
})
export class StorageModule {}
