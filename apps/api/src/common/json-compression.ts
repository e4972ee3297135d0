import compression from 'compression';
import type { Request, Response } from 'express';

/**
 * Compresses the API's JSON answers (lists and grids run to hundreds of kB) with gzip or
 * brotli, whichever the client takes. Nothing else: files (evidence, reports, exports, the
 * built UI, which has its own precompressed copies) keep their bytes, so a Range request still
 * gets the byte range it asked for and a download's length is the file's. A JSON file kept as
 * evidence is such a file: answers that offer ranges or are attachments are left alone.
 */
export function jsonCompression() {
  return compression({
    filter: (_req: Request, res: Response) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (!/^application\/(problem\+)?json\b/.test(type)) return false;
      return !res.getHeader('Accept-Ranges') && !res.getHeader('Content-Disposition');
    },
  });
}
