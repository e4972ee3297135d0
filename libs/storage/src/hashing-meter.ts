import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobEmptyError, BlobTooLargeError, type PutOptions } from './blob-store';
import { ThreadedSha256 } from './hash-thread';

/**
 * From this expected size on, the hash runs on a worker thread (ThreadedSha256), overlapping
 * the main thread's parsing and writing; below it, starting a thread (tens of milliseconds)
 * costs more than the hashing it would move (about a millisecond per MiB here).
 */
export const THREADED_HASH_MIN_BYTES = 16 * 1024 * 1024;

/**
 * The buffer of each stage of a put (this meter, the local driver's file write): with Node's
 * 16 KiB default every 64 KiB socket chunk filled a stage and stopped the flow until it drained,
 * and the file was written 64 KiB per call; at 1 MiB, writes are batched (writev) and the
 * stages run with fewer turns of the event loop. A few MiB per upload in all.
 */
export const PUT_HIGH_WATER_MARK = 1024 * 1024;

/**
 * A pass-through that hashes and counts the bytes flowing to storage, and fails the
 * pipeline the moment they pass `maxBytes`, so an oversized upload stops early, or at the end
 * when `refuseEmpty` is set and nothing came, so an empty upload is never stored. Every chunk
 * is hashed exactly as it is passed on, in order, on this thread or on the hashing thread.
 */
export class HashingMeter extends Transform {
  private readonly hash: Hash | undefined;
  private readonly threaded: ThreadedSha256 | undefined;
  private hex: string | undefined;
  size = 0;

  private readonly maxBytes: number;
  private readonly refuseEmpty: boolean;

  constructor(options: PutOptions = {}) {
    super({ highWaterMark: PUT_HIGH_WATER_MARK });
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.refuseEmpty = options.refuseEmpty ?? false;
    if ((options.expectedBytes ?? 0) >= THREADED_HASH_MIN_BYTES) this.threaded = new ThreadedSha256();
    else this.hash = createHash('sha256');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(new BlobTooLargeError(this.maxBytes));
    if (!this.threaded) {
      this.hash!.update(chunk);
      return callback(null, chunk);
    }
    // Passed on at once (the write proceeds while the worker hashes its copy); the next chunk
    // is taken once this one is in the ring, which is the back-pressure on the source.
    this.push(chunk);
    this.threaded.update(chunk).then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.refuseEmpty && this.size === 0) return callback(new BlobEmptyError());
    if (!this.threaded) {
      this.hex = this.hash!.digest('hex');
      return callback();
    }
    this.threaded.digest().then((hex) => {
      this.hex = hex;
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.threaded?.destroy();
    callback(error);
  }

  /** Hex SHA-256 of everything that passed; call once the pipeline has finished. */
  digest(): string {
    if (this.hex === undefined) throw new Error('HashingMeter.digest() before the stream ended');
    return this.hex;
  }
}
