/**
 * An `attachment` Content-Disposition for a (sanitised) display name, per RFC 6266: a plain
 * ASCII `filename` for old clients (non-ASCII, quotes and backslashes replaced by "_") and
 * the exact name as UTF-8 in `filename*` (RFC 8187 percent-encoding).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
