import busboy from 'busboy';
import type { Request } from 'express';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { MEDIA_SNIFF_BYTES, sanitizeFileName, sniffMediaType } from '@app/domain';
import { BlobEmptyError, type BlobStore, BlobTooLargeError, PUT_HIGH_WATER_MARK, type StoredBlob } from '@app/storage';
import { AppError, ErrorCode } from '../common/app-error';

export type MultipartFields = Record<string, string | string[]>;

export interface ReceivedUpload {
  /** The text fields that came before the file part. */
  fields: MultipartFields;
  blob: StoredBlob;
  /** The uploader's name, sanitised for display. */
  fileName: string;
  /** Sniffed from the first bytes of the content. */
  mediaType: string;
}

export interface ReceiveOptions {
  maxBytes: number;
  /** Checks the fields before a single byte of the file is stored; throw to refuse. */
  checkFields?: (fields: MultipartFields) => void | Promise<void>;
  /**
   * Removes a blob this upload created when the request fails after storing it. Not a plain
   * store.delete: a concurrent upload of the same content may already rely on it.
   */
  discard: (blob: StoredBlob) => Promise<void>;
}

/**
 * A multipart/form-data request body not read yet. The controller wraps the request in one;
 * the service decides when to store it (after its access checks) and with which checks.
 */
export interface MultipartBody {
  receive(store: BlobStore, options: ReceiveOptions): Promise<ReceivedUpload>;
}

export const multipartBody = (req: Request): MultipartBody => ({
  receive: (store, options) => receiveUpload(req, store, options),
});

/** Fields repeated in a form (tags, responseIds) arrive as several parts of the same name. */
const FILE_FIELD = 'file';
// Room for the multipart framing and metadata fields on top of the file itself.
const FORM_OVERHEAD_BYTES = 1024 * 1024;

class UploadAbortedError extends Error {
  constructor() {
    super('The client closed the connection before the upload finished.');
  }
}

/** Passes bytes through unchanged and keeps the first MEDIA_SNIFF_BYTES for type sniffing. */
class HeadCapture extends Transform {
  private chunks: Buffer[] = [];
  private captured = 0;

  constructor() {
    super({ highWaterMark: PUT_HIGH_WATER_MARK });
  }

  override _transform(chunk: Buffer, _e: BufferEncoding, callback: TransformCallback): void {
    if (this.captured < MEDIA_SNIFF_BYTES) {
      const part = chunk.subarray(0, MEDIA_SNIFF_BYTES - this.captured);
      this.chunks.push(Buffer.from(part));
      this.captured += part.length;
    }
    callback(null, chunk);
  }

  head(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export const tooLarge = (maxBytes: number) =>
  new AppError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The file is larger than the limit of ${maxBytes} bytes (EVIDENCE_MAX_BYTES).`,
    [{ field: FILE_FIELD, message: `file must be at most ${maxBytes} bytes` }],
  );

/** The store's refusals, said to the person uploading; any other failure passes through. */
const storeRefusal = (error: unknown, maxBytes: number): unknown => {
  if (error instanceof BlobTooLargeError) return tooLarge(maxBytes);
  // An empty file is almost always a failed export or a placeholder: nothing to prove.
  if (error instanceof BlobEmptyError)
    return AppError.invalid(FILE_FIELD, 'The file is empty (0 bytes): choose the file again, or the right one.');
  return error;
};

/**
 * Streams a multipart/form-data request's one `file` part into the BlobStore (hashing and
 * sniffing on the way, never holding the file in memory) and collects the text fields sent
 * before it. Every failure (bad form, over the size limit, the client going away) rejects
 * after the store has removed what it had written, and the rest of the request is drained
 * so the client can read the error.
 */
export function receiveUpload(req: Request, store: BlobStore, options: ReceiveOptions): Promise<ReceivedUpload> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      AppError.invalid(FILE_FIELD, 'Send the file as multipart/form-data with a part named "file".'),
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes + FORM_OVERHEAD_BYTES) {
    req.resume();
    return Promise.reject(tooLarge(options.maxBytes));
  }

  return new Promise<ReceivedUpload>((resolve, reject) => {
    // No prototype: a field named `constructor` or `__proto__` is then just a field (refused
    // by name when validated), never an inherited member mistaken for an earlier value.
    const fields: MultipartFields = Object.create(null) as MultipartFields;
    let form: busboy.Busboy;
    try {
      form = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // As the store's stages (see PUT_HIGH_WATER_MARK): busboy pauses the request whenever
        // the file part's buffer is full, at 16 KiB by default every socket chunk.
        fileHwm: PUT_HIGH_WATER_MARK,
        limits: { files: 1, fields: 200, fieldSize: 200_000, parts: 201 },
      });
    } catch (error) {
      return reject(AppError.invalid(FILE_FIELD, `Not a readable multipart form: ${(error as Error).message}`));
    }
    let file: Readable | undefined;
    let stored: Promise<{ blob: StoredBlob; fileName: string; mediaType: string }> | undefined;
    let settled = false;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(form);
      req.resume();
      file?.destroy(error instanceof Error ? error : new Error(String(error)));
      // Only reject once the store has cleaned up (its put rejects after removing temp data).
      const cleanup = stored
        ? stored.then((s) => (s.blob.created ? options.discard(s.blob) : undefined))
        : Promise.resolve();
      cleanup.catch(() => undefined).finally(() => reject(error instanceof Error ? error : new Error(String(error))));
    };

    req.on('close', () => {
      if (!req.complete) fail(new UploadAbortedError());
    });
    form.on('field', (name, value) => {
      // Fields are checked before the file is stored; one sent after it would be ignored.
      if (stored) return fail(AppError.invalid(name, `${name} must be sent before the file part`));
      const existing = fields[name];
      fields[name] = existing === undefined ? value : [...[existing].flat(), value];
    });
    form.on('file', (name, stream, info) => {
      if (name !== FILE_FIELD || stored) {
        // Drained and ignored, errors included: a form cut off inside this part fails the
        // part too, and the form's own error event already reports that.
        stream.on('error', () => undefined).resume();
        return fail(AppError.invalid(FILE_FIELD, `Send exactly one file, in a part named "${FILE_FIELD}".`));
      }
      file = stream;
      const capture = new HeadCapture();
      const source = pipeline(stream, capture, () => undefined);
      stored = (async () => {
        await options.checkFields?.(fields);
        const blob = await store.put(source, { maxBytes: options.maxBytes, refuseEmpty: true });
        return { blob, fileName: sanitizeFileName(info.filename), mediaType: sniffMediaType(capture.head()) };
      })();
      stored.catch((error: unknown) => fail(storeRefusal(error, options.maxBytes)));
    });
    form.on('filesLimit', () => fail(AppError.invalid(FILE_FIELD, 'Send exactly one file.')));
    form.on('fieldsLimit', () => fail(AppError.invalid('body', 'Too many form fields.')));
    form.on('error', (error: Error) =>
      fail(AppError.invalid(FILE_FIELD, `Not a readable multipart form: ${error.message}`)),
    );
    form.on('close', () => {
      if (!stored) return fail(AppError.invalid(FILE_FIELD, `A file is required, in a part named "${FILE_FIELD}".`));
      stored.then(
        (result) => {
          if (settled) return;
          settled = true;
          resolve({ fields, ...result });
        },
        () => undefined, // handled by the catch above
      );
    });
    req.pipe(form);
  });
}
