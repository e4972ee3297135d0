import ExcelJS from 'exceljs';
import { readImportTable } from './import-files';

/** A one-sheet workbook, written and read back as the import reads an uploaded file. */
async function readBack(fill: (sheet: ExcelJS.Worksheet) => void): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Requests'));
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return readImportTable({ fileName: 'requests.xlsx', bytes }, 'xlsx');
}

describe('reading an XLSX import', () => {
  it('reads a date cell as the day (2026-01-05), not as JavaScript prints a Date', async () => {
    const rows = await readBack((sheet) => {
      sheet.addRow(['Ordinal', 'Title', 'Text']);
      sheet.addRow([9, 'Records', new Date(Date.UTC(2026, 0, 5))]).getCell(3).numFmt = 'd mmm yyyy';
      sheet.addRow([10, 'Meeting', new Date(Date.UTC(2026, 0, 5, 14, 30))]).getCell(3).numFmt = 'd/m/yy h:mm';
      sheet.addRow([11, 'Call', new Date(Date.UTC(1899, 11, 30, 9, 15))]).getCell(3).numFmt = 'h:mm';
    });
    expect(rows).toEqual([
      ['Ordinal', 'Title', 'Text'],
      ['9', 'Records', '2026-01-05'],
      ['10', 'Meeting', '2026-01-05 14:30'],
      ['11', 'Call', '09:15'],
    ]);
  });

  it('reads every other kind of cell as the text the sheet shows', async () => {
    const rows = await readBack((sheet) => {
      sheet.addRow([
        0.1 + 0.2,
        true,
        { richText: [{ text: 'All ', font: { bold: true } }, { text: 'records' }] },
        { text: 'the portal', hyperlink: 'https://example.com/portal' },
        { formula: 'A1*10', result: 3 },
        { formula: 'A1-A1', result: 0 },
        { formula: 'DATE(2026,1,5)', result: new Date(Date.UTC(2026, 0, 5)) },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'A1>1', result: false },
        { formula: 'UPPER("x")', result: 'X' },
      ]);
      sheet.getCell('G1').numFmt = 'yyyy-mm-dd';
    });
    expect(rows).toEqual([
      ['0.3', 'TRUE', 'All records', 'the portal', '3', '0', '2026-01-05', '#DIV/0!', 'FALSE', 'X'],
    ]);
  });
});
