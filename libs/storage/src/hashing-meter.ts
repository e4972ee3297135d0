import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobEmptyError, BlobTooLargeError, type PutOptions } from './blob-store';

/**
 * A pass-through that hashes and counts the bytes flowing to storage, and fails the
 * pipeline the moment they pass `maxBytes`, so an oversized upload stops early, or at the end
 * when `refuseEmpty` is set and nothing came, so an empty upload is never stored.
 */
export class HashingMeter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  size = 0;

  private readonly maxBytes: number;
  private readonly refuseEmpty: boolean;

  constructor(options: PutOptions = {}) {
    super();
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.refuseEmpty = options.refuseEmpty ?? false;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(new BlobTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.refuseEmpty && this.size === 0 ? new BlobEmptyError() : null);
  }

  /** Hex SHA-256 of everything that passed; call once the pipeline has finished. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
