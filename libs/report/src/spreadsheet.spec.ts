import ExcelJS from 'exceljs';
import { neutralizeCell, type SheetTable, toXlsx, XLSX_CELL_CONTINUED } from './spreadsheet';

describe('neutralizeCell', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://evil.example","click")'])(
    'prefixes %j with a quote so it is shown as text',
    (text) => expect(neutralizeCell(text)).toBe(`'${text}`),
  );

  it.each(['Zoë Ødegård', 'a=b', '1-2', '', ' =leading space', "'already quoted"])('leaves %j alone', (text) =>
    expect(neutralizeCell(text)).toBe(text),
  );
});

describe('toXlsx', () => {
  it('writes one sheet per table, in order, each with its header row, freeze and neutralised cells', async () => {
    const volumes: SheetTable<{ name: string; pages: number }> = {
      name: 'Production log',
      zone: 'America/New_York',
      rows: [{ name: 'VOL001', pages: 4 }],
      columns: [
        { header: 'Volume', width: 12, value: (r) => r.name },
        { header: 'Pages', width: 6, value: (r) => r.pages },
      ],
    };
    const documents: SheetTable<{ file: string; at: Date }> = {
      name: 'Produced documents',
      zone: 'America/New_York',
      rows: [{ file: '=cmd|calc', at: new Date('2023-06-01T15:00:00Z') }],
      columns: [
        { header: 'File name', width: 20, value: (r) => r.file },
        { header: 'Produced at (America/New_York)', width: 18, value: (r) => ({ instant: r.at }) },
      ],
    };
    const book = new ExcelJS.Workbook();
    const bytes = await toXlsx(volumes, documents);
    // exceljs declares its own Buffer (an ArrayBuffer); Node's is read the same at run time.
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Production log', 'Produced documents']);
    const [log, docs] = book.worksheets;
    expect(log.getRow(1).values).toEqual([undefined, 'Volume', 'Pages']);
    expect(log.getRow(2).values).toEqual([undefined, 'VOL001', 4]);
    expect(docs.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(docs.getRow(2).getCell(1).value).toBe("'=cmd|calc");
    // New York's wall-clock time, 11:00, as the header says.
    expect(docs.getRow(2).getCell(2).value).toEqual(new Date('2023-06-01T11:00:00Z'));
  });

  it('cuts a text cell longer than Excel holds (32,767 characters) and says where the rest is', async () => {
    const long = 'Col: value; '.repeat(4_000); // 48,000 characters
    const table: SheetTable<{ text: string }> = {
      name: 'Comparison',
      zone: 'UTC',
      rows: [{ text: long }, { text: 'short' }],
      columns: [{ header: 'Table', width: 50, value: (r) => r.text }],
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer);
    const cell = book.worksheets[0].getRow(2).getCell(1).value as string;
    expect(typeof cell).toBe('string');
    expect(cell.length).toBeLessThanOrEqual(32_767);
    expect(cell.endsWith(XLSX_CELL_CONTINUED)).toBe(true);
    expect(long.startsWith(cell.slice(0, -XLSX_CELL_CONTINUED.length))).toBe(true);
    expect(book.worksheets[0].getRow(3).getCell(1).value).toBe('short');
  });
});
