// The subjects x requests grid: one cell per response, coloured by status, with its assignee.
// Arrow keys move between cells; Enter or a click opens one. With a selection (counsel), each
// cell, row and column has a box to select it for staffing in bulk.
import { Checkbox, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { KeyboardEvent } from 'react';
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
}

const firstName = (name: string) => name.split(' ')[0];

export function ResponseGrid({ subjects, requests, cells, filtered, onOpen, selection }: ResponseGridProps) {
  const byKey = new Map(cells.map((c) => [`${c.subject.id}|${c.request.id}`, c]));
  const rows = filtered ? subjects.filter((s) => cells.some((c) => c.subject.id === s.id)) : subjects;
  const idsWhere = (test: (c: GridCell) => boolean) => cells.filter(test).map((c) => c.id);
  /** A box for a row or column: checked when all its shown cells are, mixed when some are. */
  const groupBox = (label: string, ids: string[]) => {
    if (!selection || ids.length === 0) return null;
    const count = ids.filter((id) => selection.selected.has(id)).length;
    return (
      <Checkbox
        size="xs"
        aria-label={label}
        checked={count === ids.length}
        indeterminate={count > 0 && count < ids.length}
        onChange={() => selection.toggleMany(ids)}
      />
    );
  };

  const move = (event: KeyboardEvent<HTMLTableElement>) => {
    const delta = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] }[event.key];
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!delta || !from) return;
    event.preventDefault();
    let row = Number(from.dataset.row);
    let col = Number(from.dataset.col);
    // Skip over empty cells (requests that do not apply to a subject) until a cell or the edge.
    for (;;) {
      row += delta[0];
      col += delta[1];
      if (row < 0 || col < 0 || row >= rows.length || col >= requests.length) return;
      const next = event.currentTarget.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`);
      if (next) return next.focus();
    }
  };

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table
        withTableBorder
        withColumnBorders
        className={classes.grid}
        onKeyDown={move}
        aria-label="Responses by subject and request"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Subject</Table.Th>
            {requests.map((r) => (
              <Table.Th key={r.id} scope="col" className={classes.head}>
                {groupBox(
                  `Select every response to request ${r.ordinal}`,
                  idsWhere((c) => c.request.id === r.id),
                )}
                <Tooltip label={r.title} multiline w={260}>
                  <span tabIndex={-1}>
                    <Text size="xs" fw={700}>
                      #{r.ordinal}
                    </Text>
                    <Text size="xs" lineClamp={2}>
                      {r.title}
                    </Text>
                  </span>
                </Tooltip>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((subject, rowIndex) => (
            <Table.Tr key={subject.id}>
              <Table.Th scope="row" className={classes.subject}>
                <Group gap={6} wrap="nowrap">
                  {groupBox(
                    `Select every response of ${subject.name}`,
                    idsWhere((c) => c.subject.id === subject.id),
                  )}
                  <span>{subject.name}</span>
                </Group>
              </Table.Th>
              {requests.map((request, colIndex) => {
                const cell = byKey.get(`${subject.id}|${request.id}`);
                if (!cell) return <Table.Td key={request.id} className={classes.empty} aria-label="No response" />;
                const color = STATUS_COLOR[cell.status];
                const who = cell.assignee ? `assigned to ${cell.assignee.name}` : 'unassigned';
                return (
                  <Table.Td key={request.id} p={3} className={classes.holder}>
                    {selection && (
                      <Checkbox
                        size="xs"
                        className={classes.check}
                        aria-label={`Select ${subject.name}, request ${request.ordinal}`}
                        checked={selection.selected.has(cell.id)}
                        onChange={(event) =>
                          selection.toggle(cell.id, (event.nativeEvent as MouseEvent).shiftKey ?? false)
                        }
                      />
                    )}
                    <UnstyledButton
                      className={classes.cell}
                      data-row={rowIndex}
                      data-col={colIndex}
                      data-status={cell.status}
                      style={{
                        background: `var(--mantine-color-${color}-1)`,
                        borderLeftColor: fillVar(STATUS_FILL[cell.status]),
                      }}
                      aria-label={`${subject.name}, request ${request.ordinal}: ${STATUS_LABEL[cell.status]}, ${who}${cell.overdue ? ', overdue' : ''}`}
                      onClick={() => onOpen(cell)}
                    >
                      <Text size="xs" fw={700} c="dark.8">
                        {STATUS_LABEL[cell.status]}
                      </Text>
                      <Text size="xs" c="dark.6" truncate>
                        {cell.assignee ? firstName(cell.assignee.name) : '—'}
                      </Text>
                      {cell.overdue && (
                        <Text size="xs" fw={700} c="red.9">
                          Overdue
                        </Text>
                      )}
                    </UnstyledButton>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
