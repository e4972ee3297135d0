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

  it('reads a number as its number format shows it (25%, $1,200.00, 1,234,567, 0042, 1 1/2)', async () => {
    // [value, number format, what the sheet shows]. exceljs writes the built-in formats (0%,
    // 0.00%, #,##0, #,##0.00, # ?/?, 0.00) as bare ids with no format code, as Excel does, so
    // reading them back goes through the id; the others are custom formats written as code.
    const cells: [number, string, string][] = [
      [0.25, '0%', '25%'],
      [0.1234, '0.00%', '12.34%'],
      [-0.05, '0%', '-5%'],
      [1200, '"$"#,##0.00', '$1,200.00'],
      [-1200, '"$"#,##0.00_);\\("$"#,##0.00\\)', '($1,200.00)'],
      [1200, '[$$-409]#,##0.00', '$1,200.00'],
      [1200, '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)', '$1,200.00'],
      [1234567, '#,##0', '1,234,567'],
      [1234.5, '#,##0.00', '1,234.50'],
      [42, '0000', '0042'],
      [1.5, '# ?/?', '1 1/2'],
      [0.5, '# ?/?', '1/2'],
      [3.14159, '0.00', '3.14'],
      [2, '0.000', '2.000'],
      // Excel keeps 15 significant digits: no float noise in a long format either.
      [0.1 + 0.2, '0.00000000000000000', '0.30000000000000000'],
      [1234.5, '0.00E+00', '1.23E+03'],
      // General (and Text) keep every digit, not Excel's column-width 1.23457E+11.
      [123456789012, '@', '123456789012'],
      // exceljs reads a format without its escapes (`#,##0\ \E\U\R` as `#,##0 EUR`), which
      // numfmt refuses: the number itself, not a failed import.
      [1200, '#,##0\\ \\E\\U\\R', '1200'],
      [123456789012, 'General', '123456789012'],
    ];
    const rows = await readBack((sheet) => {
      cells.forEach(([value, numFmt], i) => {
        const cell = sheet.getCell(i + 1, 1);
        cell.value = value;
        cell.numFmt = numFmt;
      });
      // A formula's result is shown by the cell's format too, a result of 0 included.
      sheet.getCell('B1').value = { formula: 'A1*2', result: 0.5 };
      sheet.getCell('B1').numFmt = '0%';
      sheet.getCell('B2').value = { formula: 'A1-A1', result: 0 };
      sheet.getCell('B2').numFmt = '#,##0.00';
    });
    expect(rows.map((row) => row[0])).toEqual(cells.map(([, , shown]) => shown));
    expect(rows.slice(0, 2).map((row) => row[1])).toEqual(['50%', '0.00']);
  });
});
