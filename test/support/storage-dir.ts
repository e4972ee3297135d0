// What a local blob store (STORAGE_DRIVER=local) holds on disk, for specs that check an upload
// left nothing behind or stored its file once.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The names (SHA-256 hashes) of the files stored under `storageDir`. */
export const blobFilesIn = (storageDir: string): string[] => {
  const root = path.join(storageDir, 'sha256');
  return existsSync(root)
    ? readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];
};

/** The uploads still being written (or left behind) under `storageDir`. */
export const tmpFilesIn = (storageDir: string): string[] =>
  existsSync(path.join(storageDir, 'tmp')) ? readdirSync(path.join(storageDir, 'tmp')) : [];
