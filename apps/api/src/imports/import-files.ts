import busboy from 'busboy';
import type { CellValue } from 'exceljs';
import type { Request } from 'express';
import { format as formatNumber } from 'numfmt';
import { IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROWS, ImportTableError } from '@app/domain';
import { AppError, ErrorCode } from '../common/app-error';
import { NoFormFields, validateFormFields } from '../common/validation';

// Reading an import's file: the one `file` part of a multipart form, held in memory (the
// limit is small), then read as a table of strings from CSV or XLSX. Nothing in the file is
// evaluated: XLSX formulas give their cached result, never a calculation.

const FILE_FIELD = 'file';
/** Room for the multipart framing on top of the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** An XLSX is a ZIP: refuse one whose parts would unpack to more than this (a "zip bomb"). */
const XLSX_MAX_UNPACKED_BYTES = 40 * 1024 * 1024;

export type ImportFileKind = 'csv' | 'xlsx';

export interface ImportFile {
  fileName: string;
  bytes: Buffer;
}

/** What an import route was sent: the letter's text pasted (JSON), or a form with a file, read on demand. */
export type ImportBody = { kind: 'text'; text: string | undefined } | { kind: 'file'; read(): Promise<ImportFile> };

export const fileTooLarge = () =>
  new AppError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The file is larger than the import limit of ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB.`,
    [{ field: FILE_FIELD, message: `file must be at most ${IMPORT_MAX_FILE_BYTES} bytes` }],
  );

const unreadable = (message: string) => AppError.invalid(FILE_FIELD, message);

/** The controller's side: the request as an import body (a pasted text or a form with a file). */
export function importBody(req: Request, text: string | undefined): ImportBody {
  if (req.is('multipart/form-data')) return { kind: 'file', read: () => readFormFile(req) };
  return { kind: 'text', text };
}

/**
 * Reads the form's one `file` part into memory, refusing it past the import limit; a text
 * field is refused by name, as on the evidence upload (the form takes the file only).
 */
function readFormFile(req: Request): Promise<ImportFile> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > IMPORT_MAX_FILE_BYTES + FORM_OVERHEAD_BYTES) {
    req.resume();
    return Promise.reject(fileTooLarge());
  }
  return new Promise<ImportFile>((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 10, fieldSize: 1000, parts: 11, fileSize: IMPORT_MAX_FILE_BYTES },
      });
    } catch (error) {
      return reject(unreadable(`Not a readable multipart form: ${(error as Error).message}`));
    }
    let settled = false;
    let file: ImportFile | undefined;
    let pending: Promise<void> | undefined;
    // No prototype: a field named `constructor` is just a field, refused by name.
    const fields = Object.create(null) as Record<string, string | string[]>;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(form);
      req.resume();
      reject(error);
    };
    form.on('field', (name, value) => {
      const existing = fields[name];
      fields[name] = existing === undefined ? value : [...[existing].flat(), value];
    });
    form.on('file', (name, stream, info) => {
      if (name !== FILE_FIELD || pending) {
        stream.on('error', () => undefined).resume();
        return fail(unreadable(`Send exactly one file, in a part named "${FILE_FIELD}".`));
      }
      const chunks: Buffer[] = [];
      pending = new Promise<void>((done) => {
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        // A form cut off inside the file fails the file stream too; unheard, that error would
        // be thrown from the event loop. The form's own error event reports it to the client.
        stream.on('error', (error: Error) => fail(unreadable(`Not a readable multipart form: ${error.message}`)));
        stream.on('limit', () => fail(fileTooLarge()));
        stream.on('close', () => {
          file = { fileName: info.filename ?? '', bytes: Buffer.concat(chunks) };
          done();
        });
      });
    });
    form.on('filesLimit', () => fail(unreadable('Send exactly one file.')));
    form.on('fieldsLimit', () => fail(unreadable('Too many form fields.')));
    form.on('error', (error: Error) => fail(unreadable(`Not a readable multipart form: ${error.message}`)));
    form.on('close', () => {
      if (!pending) return fail(unreadable(`A file is required, in a part named "${FILE_FIELD}".`));
      void pending
        .then(() => validateFormFields(NoFormFields, fields))
        .then(
          () => {
            if (settled) return;
            settled = true;
            resolve(file!);
          },
          (error: AppError) => fail(error),
        );
    });
    req.pipe(form);
  });
}

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;

/**
 * The unpacked size a ZIP declares in its central directory (the sum of its entries'
 * uncompressed sizes), or null when the directory cannot be found.
 */
export function zipDeclaredSize(bytes: Buffer): number | null {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    total += bytes.readUInt32LE(offset + 24);
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return total;
}

/** What kind of file this is, from its bytes (an .xlsx is a ZIP; a CSV is UTF-8 text). */
export function importFileKind(file: ImportFile): ImportFileKind {
  if (file.bytes.length === 0) throw unreadable('The file is empty.');
  if (isZip(file.bytes)) return 'xlsx';
  const text = file.bytes.toString('utf8');
  if (text.includes('\u0000') || text.includes('\ufffd'))
    throw unreadable('The file is neither a CSV (UTF-8 text) nor an Excel workbook (.xlsx).');
  return 'csv';
}

/** The file's first sheet (or its CSV records) as rows of cell strings. */
export async function readImportTable(file: ImportFile, kind: ImportFileKind): Promise<string[][]> {
  return kind === 'csv' ? readCsv(file.bytes) : readXlsx(file.bytes);
}

async function readCsv(bytes: Buffer): Promise<string[][]> {
  const { parse } = await import('csv-parse/sync');
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  // Excel writes CSV with ";" where the decimal separator is a comma: take what the heading uses.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const records: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    });
    return records;
  } catch (error) {
    throw unreadable(`The CSV file cannot be read: ${(error as Error).message}`);
  }
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const declared = zipDeclaredSize(bytes);
  if (declared === null) throw unreadable('The file is not a readable Excel workbook (.xlsx).');
  if (declared > XLSX_MAX_UNPACKED_BYTES) {
    throw new AppError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The workbook unpacks to more than ${XLSX_MAX_UNPACKED_BYTES / 1024 / 1024} MB, the import limit.`,
      [{ field: FILE_FIELD, message: 'the workbook is too large once unpacked' }],
    );
  }
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable(`The file is not a readable Excel workbook (.xlsx): ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('The workbook has no sheet.');
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) {
    throw unreadable(`The file has ${sheet.actualRowCount - 1} rows; an import takes at most ${IMPORT_MAX_ROWS} rows.`);
  }
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      // A formula cell's `value` leaves out a result of 0 or FALSE (exceljs copies only truthy
      // parts of it); its `result` keeps them.
      cells[column - 1] = cellText(cell.formula ? cell.result : cell.value, cell.numFmt);
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}

/**
 * A cell's value as the text a reader of the sheet sees, a number by the cell's number format
 * (exceljs gives a built-in format's code for its id). Not exceljs's `cell.text`: that is the
 * value's toString(), which gives "Mon Jan 05 2026 00:00:00 GMT+0000 (...)" for a date,
 * "[object Object]" for an error, '' for a formula whose result is 0 or FALSE, and 0.25 for 25%.
 */
function cellText(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  // A link's text can be any value (a date, a number, a formula's result), not only a string.
  if ('hyperlink' in value) return cellText(value.text, numFmt);
  return cellText(value.result, numFmt);
}

/**
 * A number as its format shows it: "25%", "$1,200.00", "1,234,567", "0042", "1 1/2". The format
 * is rendered by numfmt in en-US conventions (a format naming its own locale, as [$-407] does,
 * gets that locale's separators), and the spaces it pads with for alignment (`_)`, `?`) are
 * dropped. A number in General (or Text) format keeps all its digits, not the column-width
 * "1.23457E+11". exceljs reads a date-formatted number as a Date, so a date never gets here.
 * numfmt is pinned to 3.x: the 4.0 packages point require() and their types at files they do
 * not ship, so this CommonJS build cannot load them.
 */
function numberText(value: number, numFmt: string | undefined): string {
  // 15 significant digits, as Excel keeps them: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
  const shown = Number(value.toPrecision(15));
  if (!numFmt || /^(general|@)$/i.test(numFmt)) return String(shown);
  try {
    return formatNumber(numFmt, shown, { locale: 'en-US' }).trim();
  } catch {
    // A format numfmt cannot read: the number itself is better than no text.
    return String(shown);
  }
}

/**
 * A date cell as its ISO day, with the time of day when it has one: the same text whatever the
 * sheet's date format or the reader's locale (05/01 is January in one and May in the other),
 * and how the app's own exports write days. exceljs reads the sheet's wall-clock time as UTC.
 */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const [day, time] = date.toISOString().slice(0, 19).split('T');
  const clock = time.endsWith(':00') ? time.slice(0, 5) : time;
  if (time === '00:00:00') return day;
  // A time alone is a fraction of Excel's day 0, 30 December 1899.
  return date.getUTCFullYear() < 1900 ? clock : `${day} ${clock}`;
}

/** A table problem (no such column, too many rows) as the 400 naming the file. */
export function tableError(error: unknown): unknown {
  return error instanceof ImportTableError ? unreadable(error.message) : error;
}
