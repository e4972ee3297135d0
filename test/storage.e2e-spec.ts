// ts-jest compiles one file at a time: it needs the ambient declaration of s3rver named here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./types/s3rver.d.ts" />
// The BlobStore contract, run against both drivers: the local file system, and the S3 driver
// against an in-process S3-compatible server (s3rver, pure JavaScript, from npm).
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import {
  BlobEmptyError,
  BlobNotFoundError,
  type BlobStore,
  BlobTooLargeError,
  LocalBlobStore,
  PUT_HIGH_WATER_MARK,
} from '@app/storage';
import { S3BlobStore } from '@app/storage/s3-blob-store';
import { sha256 } from './support/bytes';

const BUCKET = 'auditdesk-evidence';

/** What a driver holds besides the API: every stored key, to prove nothing stray is left. */
interface Driver {
  name: string;
  store: BlobStore;
  allKeys: () => Promise<string[]>;
  /** Changes stored bytes behind the store's back, as tampering or corruption would. */
  overwrite: (key: string, bytes: Buffer) => Promise<void>;
  close: () => Promise<void>;
}

function localDriver(): Promise<Driver> {
  const root = mkdtempSync(path.join(tmpdir(), 'auditdesk-blobs-'));
  const store = new LocalBlobStore(root);
  return Promise.resolve({
    name: 'local',
    store,
    overwrite: (key, bytes) => Promise.resolve(writeFileSync(store.pathOf(key), bytes)),
    allKeys: () =>
      Promise.resolve(
        existsSync(root)
          ? readdirSync(root, { recursive: true, withFileTypes: true })
              .filter((e) => e.isFile())
              .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
          : [],
      ),
    close: () => Promise.resolve(rmSync(root, { recursive: true, force: true })),
  });
}

async function s3Driver(): Promise<Driver> {
  const directory = mkdtempSync(path.join(tmpdir(), 'auditdesk-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  await admin.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const store = new S3BlobStore({
    bucket: BUCKET,
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    ...credentials,
  });
  return {
    name: 's3',
    store,
    allKeys: async () =>
      ((await admin.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!),
    overwrite: async (key, bytes) => {
      await admin.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes }));
    },
    close: async () => {
      store.destroy();
      admin.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** A source that yields some bytes, then fails, as an upload cut off mid-stream does. */
function failingSource(bytes: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(randomBytes(bytes));
      } else {
        this.destroy(new Error('connection reset'));
      }
    },
  });
}

describe.each([
  ['local', localDriver],
  ['s3', s3Driver],
] as const)('BlobStore (%s driver)', (_name, makeDriver) => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await makeDriver();
  });
  afterAll(() => driver.close());

  it('stores a stream under its SHA-256, computed in the same pass, and reads it back whole and in ranges', async () => {
    // Several chunks, larger than one S3 part, so the multipart path is used.
    const content = randomBytes(9 * 1024 * 1024 + 123);
    const source = Readable.from([content.subarray(0, 1_000_000), content.subarray(1_000_000)]);
    const blob = await driver.store.put(source);
    expect(blob).toEqual({
      key: `sha256/${sha256(content)}`,
      sha256: sha256(content),
      size: content.length,
      created: true,
    });
    expect(await driver.store.stat(blob.key)).toEqual({ size: content.length });
    expect(Buffer.compare(await read(await driver.store.open(blob.key)), content)).toBe(0);
    const range = await read(await driver.store.open(blob.key, { start: 5_000_000, end: 5_000_099 }));
    expect(Buffer.compare(range, content.subarray(5_000_000, 5_000_100))).toBe(0);
  });

  it('stores identical content once', async () => {
    const content = randomBytes(10_000);
    const first = await driver.store.put(Readable.from([content]));
    const second = await driver.store.put(Readable.from([content]));
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.key).toBe(first.key);
    expect((await driver.allKeys()).filter((k) => k.endsWith(sha256(content)))).toHaveLength(1);
  });

  it('replaces a stored copy that no longer matches its hash when the same content is put again', async () => {
    const content = randomBytes(20_000);
    const first = await driver.store.put(Readable.from([content]));
    await driver.overwrite(first.key, Buffer.from('altered behind our back'));
    const again = await driver.store.put(Readable.from([content]));
    expect(again).toEqual({ key: first.key, sha256: sha256(content), size: content.length, created: false });
    expect(Buffer.compare(await read(await driver.store.open(first.key)), content)).toBe(0);
    expect((await driver.allKeys()).filter((k) => k.endsWith(sha256(content)))).toHaveLength(1);
  });

  it('stores an empty stream', async () => {
    const blob = await driver.store.put(Readable.from([]));
    expect(blob).toMatchObject({ sha256: sha256(Buffer.alloc(0)), size: 0 });
    expect(await driver.store.stat(blob.key)).toEqual({ size: 0 });
  });

  it('refuses an empty stream when asked to, and stores nothing under the empty content key', async () => {
    const emptyKey = `sha256/${sha256(Buffer.alloc(0))}`;
    await driver.store.delete(emptyKey);
    const before = await driver.allKeys();
    await expect(driver.store.put(Readable.from([]), { refuseEmpty: true })).rejects.toBeInstanceOf(BlobEmptyError);
    expect(await driver.allKeys()).toEqual(before);
    expect(await driver.store.stat(emptyKey)).toBeNull();
  });

  it('refuses a stream over the limit and keeps nothing of it', async () => {
    const before = await driver.allKeys();
    await expect(
      driver.store.put(Readable.from([randomBytes(600), randomBytes(600)]), { maxBytes: 1000 }),
    ).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await driver.allKeys()).toEqual(before);
  });

  it('keeps nothing of a source that fails mid-stream', async () => {
    const before = await driver.allKeys();
    await expect(driver.store.put(failingSource(50_000))).rejects.toThrow('connection reset');
    expect(await driver.allKeys()).toEqual(before);
  });

  // Chunks of odd sizes, smaller and larger than the stages' buffers (PUT_HIGH_WATER_MARK), so
  // the hash is taken over chunks that are split, batched and written in pieces.
  it('stores a large put in uneven chunks under the SHA-256 of exactly the bytes stored', async () => {
    const content = randomBytes(12 * PUT_HIGH_WATER_MARK + 7);
    const blob = await driver.store.put(Readable.from(oddChunks(content)), {
      refuseEmpty: true,
      maxBytes: content.length,
    });
    expect(blob).toEqual({
      key: `sha256/${sha256(content)}`,
      sha256: sha256(content),
      size: content.length,
      created: true,
    });
    const stored = await read(await driver.store.open(blob.key));
    expect(sha256(stored)).toBe(blob.sha256);
    expect(Buffer.compare(stored, content)).toBe(0);
  });

  it('refuses a large stream in uneven chunks one byte over the limit, keeping nothing', async () => {
    const before = await driver.allKeys();
    const big = randomBytes(6 * PUT_HIGH_WATER_MARK);
    await expect(driver.store.put(Readable.from(oddChunks(big)), { maxBytes: big.length - 1 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await driver.allKeys()).toEqual(before);
  });

  it('reports a missing key, and deletes', async () => {
    const blob = await driver.store.put(Readable.from([randomBytes(100)]));
    await driver.store.delete(blob.key);
    expect(await driver.store.stat(blob.key)).toBeNull();
    await expect(driver.store.open(blob.key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});

/** The content in chunks of sizes from 1 byte to 5 MiB. */
function oddChunks(content: Buffer): Buffer[] {
  const sizes = [1, 65_536, 3, 5 * 1024 * 1024, 1_000_003, 4 * 1024 * 1024, 17];
  const chunks: Buffer[] = [];
  for (let offset = 0, i = 0; offset < content.length; i++) {
    const size = sizes[i % sizes.length];
    chunks.push(content.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}
