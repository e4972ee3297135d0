import type { Readable } from 'node:stream';
import type { BlobStore, ByteRange } from '@app/storage';
import { AppError } from '../common/app-error';
import { decideRange } from './http-range';

/** What a download of a stored file gets: its bytes and what describes them, or a range past the end. */
export type VersionContent =
  | { kind: 'unsatisfiable'; size: number }
  | {
      kind: 'content';
      /** The sanitised display name. */
      fileName: string;
      /** Sniffed at upload. */
      mediaType: string;
      /** Hex SHA-256 recorded at upload. */
      sha256: string;
      /** The stored size of the whole file. */
      size: number;
      /** The part served; the whole file when absent. */
      range?: ByteRange;
      /** Absent for an empty file or a request without a body. */
      stream?: Readable;
    };

/** A stored file as its row records it. */
export interface StoredFileFacts {
  storageKey: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  /** What to tell the caller when the stored bytes are gone (409). */
  missing: string;
}

/**
 * A stored file's bytes, whole or the one range `rangeHeader` asks for (or `unsatisfiable` past
 * the end), which the controller sends with `sendVersionContent`. `downloaded` runs for a
 * download from the start only (it records the activity event): not for the follow-up range
 * requests of a resumed or seeking client, nor for a request without a body (HEAD: nothing is
 * read from storage). Every stored-file download (evidence, source documents, correspondence,
 * a certification's signed scan) answers through it.
 */
export async function storedFileContent(
  store: BlobStore,
  file: StoredFileFacts,
  request: { rangeHeader: string | undefined; withBody: boolean },
  downloaded: (range: ByteRange | undefined) => Promise<void>,
): Promise<VersionContent> {
  const stat = await store.stat(file.storageKey);
  if (!stat) throw AppError.conflict(file.missing);
  // The stored length, so the response is well-formed even if the bytes were altered
  // (finding that out is the integrity check's job).
  const size = stat.size;
  const decision = decideRange(request.rangeHeader, size);
  if (decision.kind === 'unsatisfiable') return { kind: 'unsatisfiable', size };
  const range = decision.kind === 'partial' ? decision.range : undefined;
  const { withBody } = request;
  const stream = size === 0 || !withBody ? undefined : await store.open(file.storageKey, range);
  if (withBody && (!range || range.start === 0)) await downloaded(range);
  return {
    kind: 'content',
    fileName: file.fileName,
    mediaType: file.mediaType,
    sha256: file.sha256,
    size,
    range,
    stream,
  };
}
