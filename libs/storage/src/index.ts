export * from './blob-store';
export * from './hashing-meter';
export * from './local-blob-store';
export * from './s3-blob-store';
export * from './storage.module';
