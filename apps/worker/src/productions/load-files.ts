// The load files of a volume: the Concordance DAT (metadata per document) and the Opticon OPT
// (image cross-reference per page), in the delimiters review platforms expect.

/** ASCII 20 (DC4) between fields. */
export const DAT_FIELD = '\u0014';
/** Thorn (254) around every value. */
export const DAT_QUOTE = '\u00fe';
export const DAT_FIELDS = [
  'BEGBATES',
  'ENDBATES',
  'CUSTODIAN',
  'FILENAME',
  'DOCDATE',
  'PRODSHA256',
  'ORIGSHA256',
  'CONFIDENTIALITY',
  'NATIVEPATH',
  'TEXTPATH',
  // Y when boxes were burnt into the produced image (and its text), else N.
  'REDACTED',
] as const;

export type DatRow = Record<(typeof DAT_FIELDS)[number], string>;

/**
 * UTF-8 with a byte order mark, CRLF lines, a header line of field names. A value never holds
 * the quote or field delimiter, nor a line break (they are replaced by a space), so no reader
 * can split a record wrongly.
 */
export function concordanceDat(rows: readonly DatRow[]): Buffer {
  const line = (values: readonly string[]) => values.map((v) => `${DAT_QUOTE}${clean(v)}${DAT_QUOTE}`).join(DAT_FIELD);
  const lines = [line(DAT_FIELDS), ...rows.map((row) => line(DAT_FIELDS.map((field) => row[field])))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

// eslint-disable-next-line no-control-regex -- ASCII 20 is the DAT field delimiter
const clean = (value: string): string => value.replace(/[\u0014\u00fe\r\n]+/g, ' ');

export interface OptDocument {
  /** The Bates number of each page, in order. */
  pages: readonly string[];
  /** The document's image file, as written in the OPT (backslashes, relative to the volume). */
  imagePath: string;
}

/**
 * Opticon: one line per page, `Bates,volume,path,Y|blank,,,pages`: Y and the page count on a
 * document's first page only (a new document starts there).
 */
export function opticonOpt(volume: string, documents: readonly OptDocument[]): Buffer {
  const lines = documents.flatMap((doc) =>
    doc.pages.map((bates, i) =>
      [bates, volume, doc.imagePath, i === 0 ? 'Y' : '', '', '', i === 0 ? String(doc.pages.length) : ''].join(','),
    ),
  );
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}
