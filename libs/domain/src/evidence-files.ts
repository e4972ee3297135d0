// Rules for the names and types of evidence files. The uploader's file name is kept for
// display and for Content-Disposition only: it is never a path, and never decides the type.
import { filetypeinfo } from 'magic-bytes.js';

const MAX_FILE_NAME_LENGTH = 255;
/** C0 and C1 controls, DEL, and the bidirectional overrides that can disguise an extension. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A display name from a client-supplied file name: the last path segment only (so
 * "../../etc/passwd" is "passwd"), without control or bidi-override characters, trimmed of
 * spaces and dots at either end, at most 255 characters (keeping the extension), and never
 * empty ("file").
 */
export function sanitizeFileName(raw: string | null | undefined): string {
  const lastSegment = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = lastSegment.replace(UNSAFE_CHARACTERS, '').replace(/^[\s.]+|[\s.]+$/g, '');
  if (name.length > MAX_FILE_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name =
      Array.from(name.slice(0, name.length - extension.length))
        .slice(0, MAX_FILE_NAME_LENGTH - extension.length)
        .join('') + extension;
  }
  return name || 'file';
}

/** How many leading bytes the type is decided from. */
export const MEDIA_SNIFF_BYTES = 4096;

/** Types magic-bytes.js recognises but names no MIME type for. */
const MIME_BY_TYPENAME: Record<string, string> = {
  exe: 'application/x-msdownload',
  ELF: 'application/x-executable',
  'Mach-O': 'application/x-mach-binary',
};

/**
 * The media type of a file, decided from its first bytes (MEDIA_SNIFF_BYTES), never from the
 * name or the client's Content-Type: known signatures first, then text or octet-stream.
 */
export function sniffMediaType(head: Buffer): string {
  for (const match of filetypeinfo(head)) {
    const mime = match.mime ?? MIME_BY_TYPENAME[match.typename];
    if (mime) return mime;
  }
  return fallbackMediaType(head);
}

/**
 * Content no signature named: UTF-8 text without NUL bytes is text/plain, anything else
 * (and an empty file) application/octet-stream.
 */
export function fallbackMediaType(head: Buffer): string {
  const sample = head.subarray(0, MEDIA_SNIFF_BYTES);
  if (sample.length === 0 || sample.includes(0)) return 'application/octet-stream';
  // A sample cut mid-character (up to 3 bytes of a UTF-8 sequence) is still text.
  const cuts = head.length > MEDIA_SNIFF_BYTES ? [0, 1, 2, 3] : [0];
  return cuts.some((cut) => isUtf8(sample.subarray(0, sample.length - cut)))
    ? 'text/plain'
    : 'application/octet-stream';
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
