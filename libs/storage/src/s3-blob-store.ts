import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  BlobNotFoundError,
  BlobStore,
  type ByteRange,
  contentKey,
  type PutOptions,
  sha256Of,
  type StoredBlob,
} from './blob-store';
import { HashingMeter } from './hashing-meter';

export interface S3BlobStoreOptions {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

// Parts of 8 MiB, four in flight: at most ~32 MiB of an upload is buffered at once.
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;

/**
 * Blobs in an S3-compatible bucket under `sha256/<hash>`. The hash is only known at the end
 * of the stream, so a put uploads to `tmp/<uuid>` (multipart, while hashing), then copies to
 * the content key unless that already exists, and removes the temporary object.
 * (A single CopyObject handles up to 5 GB, above the evidence size limit.)
 */
export class S3BlobStore extends BlobStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3BlobStoreOptions) {
    super();
    const config: S3ClientConfig = {
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      // Checksums only where S3 requires them: compatible servers differ in what they accept,
      // and the SHA-256 we record is computed by us anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (options.accessKeyId && options.secretAccessKey) {
      config.credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
    }
    this.client = new S3Client(config);
  }

  async put(source: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    const meter = new HashingMeter(options);
    const body = new PassThrough();
    const tmpKey = `tmp/${randomUUID()}`;
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.options.bucket, Key: tmpKey, Body: body },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      const feeding = pipeline(source, meter, body);
      const uploading = upload.done();
      // Each side stops the other: a failed source aborts the upload (no parts linger), and a
      // failed upload ends the pipeline (the source is not left paused).
      feeding.catch(() => upload.abort().catch(() => undefined));
      uploading.catch((error: Error) => body.destroy(error));
      await Promise.all([feeding, uploading]);
      const sha256 = meter.digest();
      const key = contentKey(sha256);
      const created = !(await this.stat(key));
      // An existing object that no longer matches its key (altered or corrupted) is replaced
      // by the bytes just received, rather than deduplicated against.
      if (created || (await sha256Of(await this.open(key))) !== sha256) {
        await this.client.send(
          new CopyObjectCommand({
            Bucket: this.options.bucket,
            Key: key,
            CopySource: `${this.options.bucket}/${tmpKey}`,
          }),
        );
      }
      return { key, sha256, size: meter.size, created };
    } finally {
      await this.delete(tmpKey).catch(() => undefined);
    }
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return result.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  /** Closes the client's sockets (tests and shutdown). */
  destroy(): void {
    this.client.destroy();
  }
}

const isNotFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};
