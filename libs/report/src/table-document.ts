import { sheetText, type SheetTable } from './spreadsheet';

/** What the `log-table` document template prints (libs/documents/templates/log-table.typ). */
export interface TableDocument {
  title: string;
  subtitle: string;
  author: string;
  /** The confidentiality legend at the top of every page. */
  header: string;
  /** Printed after "Page N of M — " at the foot of every page. */
  reference: string;
  /** Printed instead of the table's rows when it has none. */
  empty: string;
  /** Widths relative to each other: the spreadsheet's column widths. */
  columns: { header: string; width: number }[];
  rows: string[][];
}

/**
 * A spreadsheet table as the PDF prints it: the same columns and cells as its CSV and XLSX
 * twins (days and instants worded the same way), so the three exports never disagree.
 */
export function tableDocument<T>(
  table: SheetTable<T>,
  meta: Omit<TableDocument, 'columns' | 'rows' | 'author'>,
): TableDocument {
  return {
    ...meta,
    author: 'AuditDesk',
    columns: table.columns.map((c) => ({ header: c.header, width: c.width })),
    rows: table.rows.map((row) => table.columns.map((c) => sheetText(c.value(row), table.zone))),
  };
}
