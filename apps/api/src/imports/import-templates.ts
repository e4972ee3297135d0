import type ExcelJSModule from 'exceljs';
import { REQUEST_COLUMNS, SUBJECT_COLUMNS } from '@app/domain';
import type { FileDownload } from '../common/file-download';
import type { TemplateFormat } from './dto/import.dto';

// The empty templates an import reads: the heading row (the columns' own names) and, in the
// workbook, a second sheet saying how to fill each column. No example row: one left in by
// mistake would be imported.

const NOTES: Record<'requests' | 'subjects', [string, string][]> = {
  requests: [
    [
      'Ordinal',
      'Required. The number of the request in the demand (1, 2, 3...). Importing again updates the request with this number.',
    ],
    ['Title', 'Optional. A short title; when empty, the first sentence of the text.'],
    ['Text', 'Required. The request in full, as the letter puts it.'],
    ['Provision reference', "Optional. The reference of a provision already in the audit's Setup, e.g. 12.4."],
    ['Subjects', 'Optional. Names of subjects already in the audit, separated by ";". Empty: every subject.'],
  ],
  subjects: [
    [
      'Name',
      'Required. The audited app or system; unique in the audit. Importing again updates the subject with this name.',
    ],
    ['Product', 'Optional. The product it belongs to.'],
    ['Owner email', 'Optional. The e-mail address of a member of the audit (not a viewer) who owns it.'],
  ],
};

const MEDIA_TYPE: Record<TemplateFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function importTemplate(kind: 'requests' | 'subjects', format: TemplateFormat): Promise<FileDownload> {
  const headers = (kind === 'requests' ? REQUEST_COLUMNS : SUBJECT_COLUMNS).map((c) => c.header);
  const fileName = `${kind}-import-template.${format}`;
  if (format === 'csv') {
    // With a byte-order mark, as the exports: Excel then reads the file as UTF-8.
    return { content: Buffer.from(`\ufeff${headers.join(',')}\r\n`, 'utf8'), fileName, mediaType: MEDIA_TYPE.csv };
  }
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'AuditDesk';
  const sheet = workbook.addWorksheet(kind === 'requests' ? 'Requests' : 'Subjects', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = headers.map((header) => ({ header, width: header === 'Text' ? 80 : 24 }));
  sheet.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('How to fill');
  notes.columns = [
    { header: 'Column', width: 22 },
    { header: 'What to write', width: 100 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const row of NOTES[kind]) notes.addRow(row);
  return { content: Buffer.from(await workbook.xlsx.writeBuffer()), fileName, mediaType: MEDIA_TYPE.xlsx };
}
