import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ReleaseVolume } from './production-releases.service';

/** The cookie that holds a release's download grant, sent only to that release's routes. */
export const RELEASE_GRANT_COOKIE = 'auditdesk_release_grant';

export const releaseGrantCookiePath = (token: string): string => `/api/releases/${encodeURIComponent(token)}`;

const logger = new Logger('ReleaseDownload');

/**
 * Controller-side: the ZIP as an attachment with its length (never compressed: the compression
 * middleware leaves files alone; no ranges, as for the volume route), counting the bytes that
 * go out. When the response ends, or the client goes away midway, the count is recorded.
 */
export function sendReleaseVolume(res: Response, volume: ReleaseVolume): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="${volume.fileName}"`);
  res.setHeader('Content-Length', String(volume.sizeBytes));
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(volume.sha256, 'hex').toString('base64')}:`);
  res.setHeader('Cache-Control', 'private, no-store');
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      done(null, chunk);
    },
  });
  pipeline(volume.content, counter, res)
    .catch(() => undefined)
    // Complete only when the response ended with every byte handed to the connection; a client
    // that went away midway is recorded with what had been written by then, as incomplete.
    .then(() => volume.finished(sent, res.writableFinished))
    .catch((error: unknown) => logger.error(`could not record a release download: ${(error as Error).message}`));
}
