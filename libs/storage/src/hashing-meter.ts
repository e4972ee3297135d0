import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobEmptyError, BlobTooLargeError, type PutOptions } from './blob-store';

/**
 * The buffer of each stage of a put (this meter, the local driver's file write, and the
 * upload's stages before them): with Node's 16 KiB default every 64 KiB socket chunk filled a
 * stage and stopped the flow until it drained, and the file was written 64 KiB per call; at
 * 1 MiB, writes are batched (writev) and the stages take fewer turns of the event loop. A few
 * MiB per upload in all.
 *
 * The hash stays on this thread: hashing on a worker thread (through a shared ring buffer) was
 * tried and measured no faster here, since SHA-256 with the CPU's SHA extensions costs about a
 * millisecond per MiB, about what the copy to the other thread and its wake-ups cost
 * (README, "Evidence ... Benchmark").
 */
export const PUT_HIGH_WATER_MARK = 1024 * 1024;

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
    super({ highWaterMark: PUT_HIGH_WATER_MARK });
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
