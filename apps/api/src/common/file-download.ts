import { StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';

/**
 * A file a service hands back for download: the bytes (or a stream of them) and what a client
 * needs to describe them. Plain data: the controller turns it into a response.
 */
export interface FileDownload {
  content: Readable | Buffer;
  /** The name to save it under (ASCII). */
  fileName: string;
  mediaType: string;
}

/** The controller's side: an attachment of the file's type, with its name (and length, for bytes). */
export function attachmentFile(file: FileDownload): StreamableFile {
  const options = { type: file.mediaType, disposition: `attachment; filename="${file.fileName}"` };
  return Buffer.isBuffer(file.content)
    ? new StreamableFile(file.content, options)
    : new StreamableFile(file.content, options);
}
