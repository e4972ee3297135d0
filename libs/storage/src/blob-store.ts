import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** What a put stored: the key to find it again, and the SHA-256 and size of the bytes. */
export interface StoredBlob {
  key: string;
  /** Lower-case hex SHA-256 of the bytes, computed while they were written. */
  sha256: string;
  size: number;
  /**
   * False when identical content was already stored (content addressing stores it once).
   * A stored copy whose bytes no longer hash to its key (altered or corrupted) is replaced by
   * the bytes just received, which do: `created` is false then too, since versions recorded
   * earlier already use the key.
   */
  created: boolean;
}

export interface PutOptions {
  /** Refuse (BlobTooLargeError) as soon as the stream passes this many bytes. */
  maxBytes?: number;
  /**
   * Refuse (BlobEmptyError) a stream that ends with no bytes, before anything is stored under
   * the empty content's key: that key may be shared with rows elsewhere (an empty text file in
   * a production), so a refused upload must never create it and then have to decide whether
   * it may remove it.
   */
  refuseEmpty?: boolean;
}

/** An inclusive byte range, as in HTTP: bytes start..end. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where evidence bytes live. Every driver stores content by its SHA-256, so identical files
 * are stored once, and computes the hash and size in the same pass that writes the bytes:
 * a file is never held whole in memory. A put that fails (source error, over the limit, an
 * aborted upload) leaves nothing behind.
 */
export abstract class BlobStore {
  abstract put(source: Readable, options?: PutOptions): Promise<StoredBlob>;
  /** The stored bytes (or one range of them); throws BlobNotFoundError when the key is gone. */
  abstract open(key: string, range?: ByteRange): Promise<Readable>;
  /** The stored size, or null when nothing is stored under the key. */
  abstract stat(key: string): Promise<{ size: number } | null>;
  abstract delete(key: string): Promise<void>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes.`);
  }
}

export class BlobEmptyError extends Error {
  constructor() {
    super('The content is empty (0 bytes).');
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored content under ${key}.`);
  }
}

/** The key of content with this SHA-256: the same for every driver. */
export const contentKey = (sha256: string): string => `sha256/${sha256}`;

/** Hex SHA-256 of a stream's bytes. */
export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
