export * from './blob-store';
export * from './hashing-meter';
export * from './local-blob-store';
// The S3 driver is imported from '@app/storage/s3-blob-store' where needed (see storage.module).
export * from './storage.module';
export * from './esm-thread';
export * from './zip-archive';
