// The subjects x requests grid: one cell per response, coloured by status, with its assignee.
// An audit can have thousands of cells (50 subjects x 40 requests), so only the rows in view are
// drawn (with spacer rows keeping the scroll height), the subject column and the request header
// stay in place while scrolling, and every column has the same fixed width so nothing overlaps.
// The grid is one Tab stop (a roving tabindex): arrow keys move between cells, also onto rows
// not drawn yet, Home/End go to a row's first/last cell, Enter or a click opens one. With a
// selection (counsel), each cell, row and column has a box to select it for staffing in bulk,
// and Space selects the focused cell (Shift+Space: everything from the last one selected).
// The rows are plain table elements, buttons and checkboxes styled by the grid's own CSS rather
// than Mantine components: a screen of rows is a few hundred elements, and Mantine's per-component
// work (styles, ids, contexts) for each of them was most of the grid's first draw on a phone.
import { Anchor, Tooltip } from '@mantine/core';
import {
  defaultRangeExtractor,
  elementScroll,
  useVirtualizer,
  type Rect,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { Fragment, memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { GridCell } from '../api/client';
import { fillVar, STATUS_COLOR, STATUS_FILL, STATUS_LABEL } from '../lib/status';
import type { CellSelection } from './grid-selection';
import classes from './ResponseGrid.module.css';

export interface GridAxis {
  subjects: { id: string; name: string }[];
  requests: { id: string; ordinal: number; title: string }[];
}

export interface ResponseGridProps extends GridAxis {
  /** The cells to show (the result of the current filters). */
  cells: GridCell[];
  /** True when filters hide some cells: rows with no shown cell are left out. */
  filtered: boolean;
  onOpen: (cell: GridCell) => void;
  /** Boxes to select cells (shown when given). */
  selection?: CellSelection;
  /** A cell to focus (and scroll to) as the grid mounts: the one a response page was opened from. */
  initialFocusId?: string;
  /** Requests with a form: their header links to the comparison of every subject's answers. */
  compareLink?: (requestId: string) => string | null;
}

/** Fixed sizes (px): the virtualiser places rows by them, and fixed widths keep text apart. */
export const GRID_ROW_HEIGHT = 92;
export const GRID_HEAD_HEIGHT = 96;
const SUBJECT_WIDTH = 200;
const COLUMN_WIDTH = 148;
/**
 * The scroll box's height before the browser reports it: what its CSS gives a grid taller than
 * the box can show (.scroller's max-height in ResponseGrid.module.css; keep the two alike). Off
 * by the border and a scroll bar, and on a phone by the address bar: the rows in view are the
 * same, and the observer's report corrects the rest.
 */
const boxHeight = () => Math.max(420, window.innerHeight - 260);

/** The shade of its status's colour a cell is filled with. */
export const CELL_SHADE = 1;
/**
 * "Overdue" in a cell: darker than Mantine's darkest red (red 9 is 4.1:1 on violet 1, "In
 * review"), so it reads at 4.5:1 or more on every status's fill.
 */
export const OVERDUE_TEXT = '#8a1c1c';

const firstName = (name: string) => name.split(' ')[0];
const keyOf = (subjectId: string, requestId: string) => `${subjectId}|${requestId}`;

// Two of the virtualiser's defaults read or write the scroll box as the grid starts, in the
// layout effect where it attaches: each makes the browser lay the whole page out inside React's
// commit of the grid (on a phone, most of that task, counted in Lighthouse's blocking time).
// These two leave the layout to the browser's own frame.

/**
 * The scroll box's size as a ResizeObserver reports it: once the browser has laid the page out,
 * and again when it changes (until then, the size its CSS gives it: boxHeight). The
 * library's own also reads it at once.
 */
function observeBoxSize(instance: Virtualizer<HTMLDivElement, Element>, onSize: (rect: Rect) => void) {
  const box = instance.scrollElement;
  if (!box) return;
  // Laid out already when the observer reports: reading the size costs nothing then.
  const observer = new ResizeObserver(() => onSize({ width: box.clientWidth, height: box.clientHeight }));
  observer.observe(box);
  return () => observer.disconnect();
}

/** Boxes the virtualiser has written a scroll position to. */
const positioned = new WeakSet<Element>();

/**
 * The virtualiser's scroll writes but its first to a box at the top: as it attaches, it moves a
 * box just drawn to where the box is already. A key press or the way back from a response scrolls
 * as before.
 */
function scrollBox(
  offset: number,
  options: Parameters<typeof elementScroll>[1],
  instance: Virtualizer<HTMLDivElement, Element>,
) {
  const box = instance.scrollElement;
  if (box && !positioned.has(box)) {
    positioned.add(box);
    if (offset === 0) return;
  }
  elementScroll(offset, options, instance);
}

export function ResponseGrid({
  subjects,
  requests,
  cells,
  filtered,
  onOpen,
  selection,
  initialFocusId,
  compareLink,
}: ResponseGridProps) {
  const byKey = useMemo(() => new Map(cells.map((c) => [keyOf(c.subject.id, c.request.id), c])), [cells]);
  const rows = useMemo(() => {
    if (!filtered) return subjects;
    const shown = new Set(cells.map((c) => c.subject.id));
    return subjects.filter((s) => shown.has(s.id));
  }, [subjects, cells, filtered]);
  /** Where each shown cell is: its row and column. */
  const place = useMemo(() => {
    const rowOf = new Map(rows.map((s, i) => [s.id, i]));
    const colOf = new Map(requests.map((r, i) => [r.id, i]));
    const at = new Map<string, { row: number; col: number }>();
    for (const c of cells) {
      const row = rowOf.get(c.subject.id);
      const col = colOf.get(c.request.id);
      if (row !== undefined && col !== undefined) at.set(c.id, { row, col });
    }
    return at;
  }, [rows, requests, cells]);
  const cellAt = (row: number, col: number) => byKey.get(keyOf(rows[row].id, requests[col].id));
  const firstCell = useMemo(() => {
    for (const s of rows)
      for (const r of requests) if (byKey.has(keyOf(s.id, r.id))) return byKey.get(keyOf(s.id, r.id));
  }, [rows, requests, byKey]);

  // The roving tabindex: the one cell Tab reaches. When filters hide it, the first cell takes over.
  const [chosenId, setChosenId] = useState(initialFocusId);
  const activeId = chosenId && place.has(chosenId) ? chosenId : firstCell?.id;
  const activeRow = activeId ? place.get(activeId)?.row : undefined;
  /** Set when a key (or the way back from a response) moves focus: the cell gets it once drawn. */
  const focusWanted = useRef(initialFocusId !== undefined);

  const scroller = useRef<HTMLDivElement>(null);
  // Its getters read live scroll state, so nothing here may be memoised on the virtualiser itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => GRID_ROW_HEIGHT,
    getItemKey: (index) => rows[index].id,
    overscan: 3,
    // React 19 refuses a synchronous re-render from the layout effects the virtualiser measures
    // in (and warns); a scrolled row is drawn on the next frame instead.
    useFlushSync: false,
    observeElementRect: observeBoxSize,
    // The rows in view are drawn with the grid, not a draw later when the observer reports:
    // that second draw was a task of its own, not in slices, and a second layout of the page.
    initialRect: { width: 0, height: boxHeight() },
    scrollToFn: scrollBox,
    // The sticky header sits above the rows inside the scroll box, and covers the top of it.
    scrollMargin: GRID_HEAD_HEIGHT,
    scrollPaddingStart: GRID_HEAD_HEIGHT,
    // The row holding the Tab stop is always drawn, so Tab can reach the grid from anywhere.
    rangeExtractor: useCallback(
      (range: Parameters<typeof defaultRangeExtractor>[0]) => {
        const indexes = defaultRangeExtractor(range);
        if (activeRow === undefined || indexes.includes(activeRow) || activeRow >= range.count) return indexes;
        return [...indexes, activeRow].sort((a, b) => a - b);
      },
      [activeRow],
    ),
  });

  const moveTo = (cell: GridCell) => {
    const at = place.get(cell.id);
    if (!at) return;
    focusWanted.current = true;
    setChosenId(cell.id);
  };

  useLayoutEffect(() => {
    if (!focusWanted.current || !activeId || activeRow === undefined) return;
    // The row is drawn (the range always holds it); bring it into view under the sticky header.
    virtualizer.scrollToIndex(activeRow, { align: 'auto' });
    const target = scroller.current?.querySelector<HTMLElement>(`[data-cell-id="${activeId}"]`);
    if (!target) return;
    focusWanted.current = false;
    // The browser brings the column into view (the scroll box's scroll-padding keeps the cell
    // clear of the sticky subject column and header).
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });

  const idsBySubject = useMemo(() => groupIds(cells, (c) => c.subject.id), [cells]);
  const idsByRequest = useMemo(() => groupIds(cells, (c) => c.request.id), [cells]);
  const selected = selection?.selected;
  /** Each row's cells, column by column (undefined where a request does not apply). */
  const rowCells = useMemo(
    () => new Map(rows.map((s) => [s.id, requests.map((r) => byKey.get(keyOf(s.id, r.id)))])),
    [rows, requests, byKey],
  );
  // Stable handlers, so a row is drawn again only when what it shows changes (scrolling draws
  // the rows coming into view, not the 40 cells of each row already there).
  const latest = useRef({ onOpen, selection });
  latest.current = { onOpen, selection };
  const actions = useMemo<RowActions>(
    () => ({
      open: (cell) => latest.current.onOpen(cell),
      toggle: (id, shiftKey) => latest.current.selection?.toggle(id, shiftKey),
      toggleMany: (ids) => latest.current.selection?.toggleMany(ids),
      focused: (id) => setChosenId(id),
    }),
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-cell-id]');
    const at = from && place.get(from.dataset.cellId!);
    if (!at) return;
    if (event.key === ' ' && selection) {
      // Space selects rather than opens (a button would click on Space).
      event.preventDefault();
      if (!event.repeat) selection.toggle(from.dataset.cellId!, event.shiftKey);
      return;
    }
    const step = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] }[event.key];
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const cols = requests.map((_, col) => col);
      if (event.key === 'End') cols.reverse();
      const cell = cols.map((col) => cellAt(at.row, col)).find(Boolean);
      if (cell) moveTo(cell);
      return;
    }
    if (!step) return;
    event.preventDefault();
    // Skip over empty places (requests that do not apply to a subject) until a cell or the edge.
    for (let row = at.row + step[0], col = at.col + step[1]; ; row += step[0], col += step[1]) {
      if (row < 0 || col < 0 || row >= rows.length || col >= requests.length) return;
      const next = cellAt(row, col);
      if (next) return moveTo(next);
    }
  };

  const items = virtualizer.getVirtualItems();
  const totalHeight = virtualizer.getTotalSize();
  const colSpan = requests.length + 1;
  /** An empty row standing for rows not drawn, so the scroll height and position stay true. */
  const spacer = (key: string, height: number) =>
    height > 0 && (
      <tr key={key} aria-hidden="true" className={classes.spacer}>
        <td colSpan={colSpan} style={{ height }} />
      </tr>
    );

  return (
    <div
      ref={scroller}
      className={classes.scroller}
      style={{ scrollPaddingTop: GRID_HEAD_HEIGHT, scrollPaddingLeft: SUBJECT_WIDTH }}
    >
      <table
        className={classes.grid}
        style={{ width: SUBJECT_WIDTH + requests.length * COLUMN_WIDTH }}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => {
          // A button clicks on Space's key-up: with a selection, Space selected instead.
          if (event.key === ' ' && selection) event.preventDefault();
        }}
        aria-label="Responses by subject and request"
        // Only the rows in view are in the page: say how many there are.
        aria-rowcount={rows.length + 1}
      >
        <colgroup>
          <col style={{ width: SUBJECT_WIDTH }} />
          {requests.map((r) => (
            <col key={r.id} style={{ width: COLUMN_WIDTH }} />
          ))}
        </colgroup>
        <thead className={classes.thead}>
          <tr aria-rowindex={1} style={{ height: GRID_HEAD_HEIGHT }}>
            <th scope="col" className={classes.corner}>
              Subject
            </th>
            {requests.map((r) => (
              <th key={r.id} scope="col" className={classes.head}>
                <GroupBox
                  label={`Select every response to request ${r.ordinal}`}
                  ids={idsByRequest.get(r.id)}
                  selected={selected}
                  toggleMany={actions.toggleMany}
                />
                <div className={classes.line}>
                  <span className={classes.ordinal}>#{r.ordinal}</span>
                  {compareLink?.(r.id) && (
                    // A request with a form: every subject's answer, field by field.
                    <Anchor
                      component={Link}
                      to={compareLink(r.id)!}
                      size="xs"
                      aria-label={`Compare the answers to request ${r.ordinal}`}
                    >
                      Compare
                    </Anchor>
                  )}
                </div>
                <RequestTitle title={r.title} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spacer('before', (items[0]?.start ?? GRID_HEAD_HEIGHT) - GRID_HEAD_HEIGHT)}
          {items.map((item, i) => {
            const rowIndex = item.index;
            const subject = rows[rowIndex];
            const gap = i > 0 ? item.start - items[i - 1].end : 0;
            return (
              <Fragment key={item.key}>
                {spacer('gap', gap)}
                <GridRow
                  rowIndex={rowIndex}
                  subject={subject}
                  requests={requests}
                  rowCells={rowCells.get(subject.id)!}
                  rowIds={idsBySubject.get(subject.id)}
                  activeId={rowIndex === activeRow ? activeId : undefined}
                  selected={selected}
                  actions={actions}
                />
              </Fragment>
            );
          })}
          {spacer('after', totalHeight - ((items.at(-1)?.end ?? GRID_HEAD_HEIGHT) - GRID_HEAD_HEIGHT))}
        </tbody>
      </table>
    </div>
  );
}

interface RowActions {
  open: (cell: GridCell) => void;
  toggle: (id: string, shiftKey: boolean) => void;
  toggleMany: (ids: string[]) => void;
  focused: (id: string) => void;
}

interface GridRowProps {
  rowIndex: number;
  subject: GridAxis['subjects'][number];
  requests: GridAxis['requests'];
  rowCells: (GridCell | undefined)[];
  rowIds?: string[];
  /** The roving Tab stop, when it is in this row. */
  activeId?: string;
  /** The selected cells, when cells can be selected. */
  selected?: ReadonlySet<string>;
  actions: RowActions;
}

/** One subject's row: its name (and box) and a cell per request. */
const GridRow = memo(function GridRow({
  rowIndex,
  subject,
  requests,
  rowCells,
  rowIds,
  activeId,
  selected,
  actions,
}: GridRowProps) {
  return (
    <tr aria-rowindex={rowIndex + 2} style={{ height: GRID_ROW_HEIGHT }}>
      <th scope="row" className={classes.subject}>
        <div className={classes.line}>
          <GroupBox
            label={`Select every response of ${subject.name}`}
            ids={rowIds}
            selected={selected}
            toggleMany={actions.toggleMany}
          />
          <span className={classes.subjectName} title={subject.name}>
            {subject.name}
          </span>
        </div>
      </th>
      {requests.map((request, colIndex) => {
        const cell = rowCells[colIndex];
        if (!cell) return <td key={request.id} className={classes.empty} aria-label="No response" />;
        const color = STATUS_COLOR[cell.status];
        const who = cell.assignee ? `assigned to ${cell.assignee.name}` : 'unassigned';
        return (
          <td key={request.id} className={classes.holder}>
            {selected && (
              <input
                type="checkbox"
                className={`${classes.box} ${classes.check}`}
                aria-label={`Select ${subject.name}, request ${request.ordinal}`}
                tabIndex={-1}
                checked={selected.has(cell.id)}
                onChange={(event) => actions.toggle(cell.id, (event.nativeEvent as MouseEvent).shiftKey ?? false)}
              />
            )}
            <button
              type="button"
              className={classes.cell}
              data-cell-id={cell.id}
              data-row={rowIndex}
              data-col={colIndex}
              data-status={cell.status}
              data-selectable={selected ? '' : undefined}
              tabIndex={cell.id === activeId ? 0 : -1}
              style={{
                background: `var(--mantine-color-${color}-${CELL_SHADE})`,
                borderLeftColor: fillVar(STATUS_FILL[cell.status]),
              }}
              aria-label={`${subject.name}, request ${request.ordinal}: ${STATUS_LABEL[cell.status]}, ${who}${cell.overdue ? ', overdue' : ''}`}
              onFocus={() => actions.focused(cell.id)}
              onClick={() => actions.open(cell)}
            >
              <span className={classes.status}>{STATUS_LABEL[cell.status]}</span>
              <span className={classes.assignee}>{cell.assignee ? firstName(cell.assignee.name) : '—'}</span>
              {cell.overdue && (
                <span className={classes.overdue} style={{ color: OVERDUE_TEXT }}>
                  Overdue
                </span>
              )}
            </button>
          </td>
        );
      })}
    </tr>
  );
});

/** A box for a row or column: checked when all its shown cells are, mixed when some are. */
function GroupBox({
  label,
  ids = [],
  selected,
  toggleMany,
}: {
  label: string;
  ids?: string[];
  selected?: ReadonlySet<string>;
  toggleMany: (ids: string[]) => void;
}) {
  if (!selected || ids.length === 0) return null;
  const count = ids.filter((id) => selected.has(id)).length;
  const mixed = count > 0 && count < ids.length;
  return (
    <input
      type="checkbox"
      className={classes.box}
      aria-label={label}
      // Reached by mouse; by keyboard, Space on the cells selects (the grid is one Tab stop).
      tabIndex={-1}
      checked={count === ids.length}
      // "Some of them": a property of the element, with no attribute to set it by.
      ref={(box) => {
        if (box) box.indeterminate = mixed;
      }}
      onChange={() => toggleMany(ids)}
    />
  );
}

/**
 * A request's title, cut to two lines, in full in a tooltip under the pointer. The tooltip is
 * mounted on the first hover: a tooltip per column kept its positioning machinery busy on the
 * grid's first draw for something most visits never point at.
 */
function RequestTitle({ title }: { title: string }) {
  const [pointed, setPointed] = useState(false);
  const [shown, setShown] = useState(false);
  const text = (
    <span
      tabIndex={-1}
      className={classes.title}
      onPointerEnter={() => {
        setPointed(true);
        setShown(true);
      }}
      onPointerLeave={() => setShown(false)}
    >
      {title}
    </span>
  );
  if (!pointed) return text;
  return (
    <Tooltip label={title} multiline w={260} opened={shown}>
      {text}
    </Tooltip>
  );
}

function groupIds(cells: GridCell[], by: (cell: GridCell) => string) {
  const groups = new Map<string, string[]>();
  for (const c of cells) {
    const ids = groups.get(by(c));
    if (ids) ids.push(c.id);
    else groups.set(by(c), [c.id]);
  }
  return groups;
}
