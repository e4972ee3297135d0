import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { GridCell, ResponseStatus } from '../api/client';
import { renderWithTheme } from '../test/render';
import { ResponseGrid } from './ResponseGrid';

const subjects = [
  { id: 's1', name: 'Xbox One Social' },
  { id: 's2', name: 'Bing Pages' },
];
const requests = [
  { id: 'r1', ordinal: 1, title: 'Data held' },
  { id: 'r2', ordinal: 2, title: 'Content under control' },
  { id: 'r3', ordinal: 3, title: 'Use case' },
];
const kenji = { id: 'u1', name: 'Kenji Watanabe' };

function cell(
  subject: (typeof subjects)[number],
  request: (typeof requests)[number],
  status: ResponseStatus,
  extra: Partial<GridCell> = {},
): GridCell {
  return {
    id: `${subject.id}-${request.id}`,
    subject,
    request,
    status,
    assignee: kenji,
    reviewer: null,
    dueDate: null,
    answer: null,
    version: 1,
    overdue: false,
    approvedAt: null,
    approvedBy: null,
    commentCount: 0,
    updatedAt: '2023-05-25T12:00:00Z',
    ...extra,
  };
}

// Request 2 does not apply to Bing Pages: that cell does not exist.
const cells = [
  cell(subjects[0], requests[0], 'APPROVED'),
  cell(subjects[0], requests[1], 'IN_REVIEW', { overdue: true }),
  cell(subjects[0], requests[2], 'NOT_STARTED', { assignee: null }),
  cell(subjects[1], requests[0], 'CHANGES_REQUESTED'),
  cell(subjects[1], requests[2], 'IN_PROGRESS'),
];

describe('ResponseGrid', () => {
  it('shows subjects as rows and requests as columns, each cell with its status, colour and assignee', () => {
    renderWithTheme(
      <ResponseGrid subjects={subjects} requests={requests} cells={cells} filtered={false} onOpen={() => {}} />,
    );
    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(
      within(rows[0])
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Subject', '#1Data held', '#2Content under control', '#3Use case']);
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('Xbox One Social');

    const approved = screen.getByRole('button', {
      name: 'Xbox One Social, request 1: Approved, assigned to Kenji Watanabe',
    });
    expect(approved).toHaveAttribute('data-status', 'APPROVED');
    expect(approved).toHaveStyle({ background: 'var(--mantine-color-teal-1)' });
    expect(approved).toHaveTextContent('Kenji');
    expect(
      screen.getByRole('button', {
        name: 'Xbox One Social, request 2: In review, assigned to Kenji Watanabe, overdue',
      }),
    ).toHaveTextContent('Overdue');
    expect(
      screen.getByRole('button', { name: 'Xbox One Social, request 3: Not started, unassigned' }),
    ).toBeInTheDocument();
    // Five cells, and an empty place where the request does not apply.
    expect(screen.getAllByRole('button')).toHaveLength(5);
    expect(within(rows[2]).getAllByRole('cell')[1]).toHaveAccessibleName('No response');
  });

  it('opens a cell on click and on Enter', async () => {
    const onOpen = vi.fn();
    const user = userEvent.setup();
    renderWithTheme(
      <ResponseGrid subjects={subjects} requests={requests} cells={cells} filtered={false} onOpen={onOpen} />,
    );
    await user.click(screen.getByRole('button', { name: /Bing Pages, request 3/ }));
    expect(onOpen).toHaveBeenLastCalledWith(expect.objectContaining({ id: 's2-r3' }));
    screen.getByRole('button', { name: /Xbox One Social, request 1/ }).focus();
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(expect.objectContaining({ id: 's1-r1' }));
  });

  it('moves between cells with the arrow keys, skipping places with no response', async () => {
    const user = userEvent.setup();
    renderWithTheme(
      <ResponseGrid subjects={subjects} requests={requests} cells={cells} filtered={false} onOpen={() => {}} />,
    );
    screen.getByRole('button', { name: /Xbox One Social, request 1/ }).focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName(/Xbox One Social, request 2/);
    await user.keyboard('{ArrowDown}');
    // Bing Pages has no request 2: focus stays where it was.
    expect(document.activeElement).toHaveAccessibleName(/Xbox One Social, request 2/);
    await user.keyboard('{ArrowLeft}{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName(/Bing Pages, request 1/);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName(/Bing Pages, request 3/);
  });

  it('when filtered, leaves out the subjects with no matching cell', () => {
    const mine = cells.filter((c) => c.subject.id === 's2');
    renderWithTheme(<ResponseGrid subjects={subjects} requests={requests} cells={mine} filtered onOpen={() => {}} />);
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Bing Pages']);
    expect(screen.getAllByRole('button')).toHaveLength(2);
  });
});
