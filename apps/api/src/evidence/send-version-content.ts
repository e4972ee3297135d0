import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { attachmentDisposition } from './content-disposition';
import type { VersionContent } from './evidence-files.service';
import { rangeNotSatisfiable } from './http-range';

const BYTES = { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };

/** The OpenAPI answers of a route that sends a stored file through sendVersionContent. */
export const ApiStoredFileResponses = () =>
  applyDecorators(
    ApiProduces('application/octet-stream'),
    ApiOkResponse({ description: 'The stored bytes, typed as sniffed at upload', content: BYTES }),
    ApiResponse({
      status: 206,
      description: 'The one byte range the Range header asked for',
      headers: { 'Content-Range': { description: 'bytes <first>-<last>/<size>', schema: { type: 'string' } } },
      content: BYTES,
    }),
    ApiResponse({
      status: 416,
      description: 'The Range header asks for bytes past the end (Content-Range: bytes */<size>)',
    }),
  );

/**
 * A version's content as HTTP: status, ranges, type, disposition, digests, and never rendered
 * inline. Controller-side: every download of a stored file (evidence versions, source
 * documents) answers through it, so they all carry the same headers.
 */
export function sendVersionContent(
  res: Response,
  content: VersionContent,
  rangeHeader: string | undefined,
): StreamableFile {
  res.setHeader('Accept-Ranges', 'bytes');
  if (content.kind === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${content.size}`);
    throw rangeNotSatisfiable(rangeHeader, content.size);
  }
  const { range, size } = content;
  res.status(range ? 206 : 200);
  res.setHeader('Content-Type', content.mediaType);
  res.setHeader('Content-Disposition', attachmentDisposition(content.fileName));
  res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : size));
  if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  res.setHeader('ETag', `"sha256-${content.sha256}"`);
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(content.sha256, 'hex').toString('base64')}:`);
  // Never rendered in the browser's origin, whatever the content turns out to be.
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('Cache-Control', 'private, no-store');
  return content.stream ? new StreamableFile(content.stream) : new StreamableFile(Buffer.alloc(0));
}
