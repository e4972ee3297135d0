// Hand-built multipart/form-data bodies, so specs control every byte the server sees
// (field order, raw file names with control characters, the file part's own Content-Type).
import { randomBytes } from 'node:crypto';

export interface FilePart {
  /** Written as-is into the part's Content-Disposition (quotes escaped). */
  fileName: string;
  content: Buffer;
  contentType?: string;
  field?: string;
  /** Send the name as RFC 5987 `filename*=UTF-8''...` (how clients send names with any character). */
  extended?: boolean;
}

export interface MultipartBody {
  contentType: string;
  body: Buffer;
}

export function multipart(
  fields: [string, string][],
  file?: FilePart,
  fieldsAfterFile: [string, string][] = [],
): MultipartBody {
  const boundary = `----e2e${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    const name = file.extended
      ? `filename*=UTF-8''${encodeURIComponent(file.fileName)}`
      : `filename="${file.fileName.replace(/"/g, '%22')}"`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; ${name}\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  for (const [name, value] of fieldsAfterFile) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
