// Where keyboard focus goes back to in the grid: the cell of the response last opened from it.
// The grid unmounts while a response page shows, and the way back may be the page's link or
// the browser's Back button (neither carries state), so the cell is kept here, once per audit,
// and taken when the grid mounts again.
const lastCell = new Map<string, string>();

/** The grid opened (or the response page walked to) this cell. */
export const rememberGridCell = (auditId: string, cellId: string) => void lastCell.set(auditId, cellId);

/** The cell to focus as the grid mounts, once: later visits to the grid leave focus alone. */
export function takeGridCell(auditId: string): string | undefined {
  const cellId = lastCell.get(auditId);
  lastCell.delete(auditId);
  return cellId;
}
