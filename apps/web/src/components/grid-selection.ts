// Which grid cells are selected for staffing in bulk. Ranges (shift-click) run in grid order:
// row by row, each row left to right, over the cells shown.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { GridCell } from '../api/client';
import type { GridAxis } from './ResponseGrid';

/** The shown cells in grid order: subjects as the grid lists them, then requests by number. */
export function gridOrder({ subjects, requests }: GridAxis, cells: GridCell[]): GridCell[] {
  const byKey = new Map(cells.map((c) => [`${c.subject.id}|${c.request.id}`, c]));
  return subjects.flatMap((s) => requests.map((r) => byKey.get(`${s.id}|${r.id}`))).filter((c): c is GridCell => !!c);
}

export interface CellSelection {
  selected: ReadonlySet<string>;
  /** A click on one cell's box; with shift, everything from the last clicked box to this one takes its new state. */
  toggle: (id: string, shiftKey: boolean) => void;
  /** A row's or column's box: selects them all, or clears them when all are selected already. */
  toggleMany: (ids: string[]) => void;
  selectAll: () => void;
  clear: () => void;
}

export function useCellSelection(orderedIds: string[]): CellSelection {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  // A cell a new filter hides is no longer selected: the bulk bar acts only on what is shown.
  const selected = useMemo(() => new Set(orderedIds.filter((id) => chosen.has(id))), [chosen, orderedIds]);

  const toggle = useCallback(
    (id: string, shiftKey: boolean) => {
      const on = !selected.has(id);
      const from = anchor.current ? orderedIds.indexOf(anchor.current) : -1;
      const to = orderedIds.indexOf(id);
      const range = shiftKey && from >= 0 ? orderedIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
      const next = new Set(selected);
      for (const each of range) {
        if (on) next.add(each);
        else next.delete(each);
      }
      anchor.current = id;
      setChosen(next);
    },
    [orderedIds, selected],
  );
  const toggleMany = useCallback(
    (ids: string[]) => {
      const next = new Set(selected);
      const all = ids.every((id) => selected.has(id));
      for (const id of ids) {
        if (all) next.delete(id);
        else next.add(id);
      }
      setChosen(next);
    },
    [selected],
  );
  const selectAll = useCallback(() => setChosen(new Set(orderedIds)), [orderedIds]);
  const clear = useCallback(() => {
    anchor.current = null;
    setChosen(new Set());
  }, []);
  return { selected, toggle, toggleMany, selectAll, clear };
}
