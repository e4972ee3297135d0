import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { BlobStore, StoredBlob } from './blob-store';
import { runOnThread, sourceFile } from './esm-thread';

// ZIPs kept in the blob store: production volumes and submitted response packages are both
// written here (archiver, on a worker thread) and read back here (yauzl) to be re-hashed.

export interface ZipEntryInput {
  path: string;
  bytes: Buffer;
}

/** Writes a ZIP of the entries (in the order given, each dated `date`) to `file`, with archiver. */
export async function writeZip(file: string, date: Date, entries: readonly ZipEntryInput[]): Promise<void> {
  await runOnThread(sourceFile(__dirname, 'libs/storage/src', 'zip-worker.mjs'), {
    file,
    date: date.toISOString(),
    entries: entries.map((e) => ({ path: e.path, bytes: new Uint8Array(e.bytes) })),
  });
}

/**
 * Writes the ZIP to a temporary file and streams it into the store (hashed on the way).
 * Entries in path order, each dated `date`: the same content gives the same listing.
 */
export async function storeZip(store: BlobStore, entries: readonly ZipEntryInput[], date: Date): Promise<StoredBlob> {
  const dir = await mkdtemp(path.join(tmpdir(), 'auditdesk-zip-'));
  try {
    const file = path.join(dir, `${randomUUID()}.zip`);
    await writeZip(
      file,
      date,
      [...entries].sort((a, b) => a.path.localeCompare(b.path)),
    );
    return await store.put(createReadStream(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ZipEntryDigest {
  path: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * The SHA-256 of the whole stream and of every entry it holds, read as a ZIP; `entries` is
 * null when the bytes are not a readable ZIP. Spooled to a temporary file (a ZIP's directory
 * is at its end), so nothing is held whole in memory.
 */
export async function digestZip(source: Readable): Promise<{ sha256: string; entries: ZipEntryDigest[] | null }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'auditdesk-zip-'));
  try {
    const file = path.join(dir, 'package.zip');
    const hash = createHash('sha256');
    source.on('data', (chunk: Buffer) => hash.update(chunk));
    await pipeline(source, createWriteStream(file));
    const sha256 = hash.digest('hex');
    const entries = await digestEntries(file).catch(() => null);
    return { sha256, entries };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function digestEntries(file: string): Promise<ZipEntryDigest[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a ZIP'));
      const digests: ZipEntryDigest[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(digests));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('unreadable entry'));
          const hash = createHash('sha256');
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            size += chunk.length;
          });
          stream.on('error', reject);
          stream.on('end', () => {
            digests.push({ path: entry.fileName, sizeBytes: size, sha256: hash.digest('hex') });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
