import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BlobNotFoundError,
  BlobStore,
  type ByteRange,
  contentKey,
  type PutOptions,
  sha256Of,
  type StoredBlob,
} from './blob-store';
import { HashingMeter, PUT_HIGH_WATER_MARK } from './hashing-meter';

const KEY_PATTERN = /^sha256\/([0-9a-f]{64})$/;

/**
 * Blobs on the local file system under `root`: `sha256/<first 2 hex>/<hash>`. A put writes to
 * `root/tmp/` while hashing, then links the file into place; when the content is already
 * stored (and still matches its hash) the temporary file is simply dropped.
 */
export class LocalBlobStore extends BlobStore {
  constructor(readonly root: string) {
    super();
  }

  /** The file that holds a key's bytes (keys are checked, so a key is never a path of its own). */
  pathOf(key: string): string {
    const match = KEY_PATTERN.exec(key);
    if (!match) throw new BlobNotFoundError(key);
    return path.join(this.root, 'sha256', match[1].slice(0, 2), match[1]);
  }

  async put(source: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const meter = new HashingMeter(options);
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx', highWaterMark: PUT_HIGH_WATER_MARK }));
      const sha256 = meter.digest();
      const key = contentKey(sha256);
      const target = this.pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      // link() fails when the target exists, where rename() would silently replace it: the
      // stored copy is never rewritten, and the temporary file goes either way.
      const created = await link(tmp, target).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return false;
          throw error;
        },
      );
      // Deduplicating against an altered copy would drop the only good bytes we were given:
      // an existing copy that no longer matches its key is replaced (atomically) by these.
      if (!created && (await sha256Of(createReadStream(target))) !== sha256) await rename(tmp, target);
      return { key, sha256, size: meter.size, created };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    if (!(await this.stat(key))) throw new BlobNotFoundError(key);
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const info = await stat(this.pathOf(key));
      return { size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof BlobNotFoundError) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
