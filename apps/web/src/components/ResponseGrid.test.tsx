import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GridCell, ResponseStatus } from '../api/client';
import { GRID_BOX_HEIGHT, layOutGridBox } from '../test/grid-layout';
import { renderWithTheme } from '../test/render';
import { RESPONSE_STATUSES, STATUS_COLOR } from '../lib/status';
import { CELL_SHADE, GRID_HEAD_HEIGHT, GRID_ROW_HEIGHT, OVERDUE_TEXT, ResponseGrid } from './ResponseGrid';
import { contrastRatio, themeColor } from './wcag-contrast';

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

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = layOutGridBox();
});
afterEach(() => restoreLayout());

/** A grid of 50 subjects (System 1 to System 50), every cell in progress: taller than its box. */
function renderFiftySystems() {
  const many = Array.from({ length: 50 }, (_, i) => ({ id: `s${i + 1}`, name: `System ${i + 1}` }));
  const all = many.flatMap((s) => requests.map((r) => cell(s, r, 'IN_PROGRESS')));
  renderWithTheme(<ResponseGrid subjects={many} requests={requests} cells={all} filtered={false} onOpen={() => {}} />);
}

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

  // jsdom computes no contrast (axe's color-contrast needs a browser): the colours are checked
  // as the values the cells are drawn with.
  it('writes "Overdue" at 4.5:1 or more on the fill of every status', () => {
    const overdueRequests = RESPONSE_STATUSES.map((status, i) => ({ id: status, ordinal: i + 1, title: status }));
    renderWithTheme(
      <ResponseGrid
        subjects={[subjects[0]]}
        requests={overdueRequests}
        cells={overdueRequests.map((r) => cell(subjects[0], r, r.id, { overdue: true }))}
        filtered={false}
        onOpen={() => {}}
      />,
    );
    const contrasts = RESPONSE_STATUSES.map((status) => {
      const button = document.querySelector<HTMLElement>(`[data-status="${status}"]`)!;
      expect(button).toHaveStyle({ background: `var(--mantine-color-${STATUS_COLOR[status]}-${CELL_SHADE})` });
      expect(within(button).getByText('Overdue')).toHaveStyle({ color: OVERDUE_TEXT });
      const ratio = contrastRatio(OVERDUE_TEXT, themeColor(STATUS_COLOR[status], CELL_SHADE));
      return { status, enough: ratio >= 4.5, ratio: ratio.toFixed(2) };
    });
    expect(contrasts.filter((c) => !c.enough)).toEqual([]);
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

  it('is one Tab stop: only one cell is tabbable, arrows move it, Tab leaves the grid and comes back to it', async () => {
    const user = userEvent.setup();
    renderWithTheme(
      <>
        <button type="button">Before</button>
        <ResponseGrid subjects={subjects} requests={requests} cells={cells} filtered={false} onOpen={() => {}} />
        <button type="button">After</button>
      </>,
    );
    const table = screen.getByRole('table', { name: 'Responses by subject and request' });
    const tabbable = () => Array.from(table.querySelectorAll<HTMLElement>('[tabindex="0"]'));
    expect(tabbable()).toHaveLength(1);
    expect(tabbable()[0]).toHaveAccessibleName(/Xbox One Social, request 1/);

    screen.getByRole('button', { name: 'Before' }).focus();
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName(/Xbox One Social, request 1/);
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName(/Xbox One Social, request 3/);
    expect(tabbable()).toEqual([document.activeElement]);
    await user.keyboard('{Home}');
    expect(document.activeElement).toHaveAccessibleName(/Xbox One Social, request 1/);
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveAccessibleName(/Xbox One Social, request 3/);

    await user.tab();
    expect(document.activeElement).toHaveAccessibleName('After');
    await user.tab({ shift: true });
    expect(document.activeElement).toHaveAccessibleName(/Xbox One Social, request 3/);
  });

  it('draws only the rows in view, and the arrow keys reach rows not drawn yet, scrolling them into view', async () => {
    const user = userEvent.setup();
    renderFiftySystems();
    const table = screen.getByRole('table', { name: 'Responses by subject and request' });
    expect(table).toHaveAttribute('aria-rowcount', '51');
    const drawn = screen.getAllByRole('rowheader');
    expect(drawn.length).toBeLessThan(20);
    expect(screen.queryByRole('rowheader', { name: /System 20$/ })).toBeNull();
    // Drawn where the box is, without moving it there first: a scroll write as the grid starts
    // made the browser lay the page out inside React's commit.
    expect(Element.prototype.scrollTo).not.toHaveBeenCalled();

    screen.getByRole('button', { name: /System 1, request 1/ }).focus();
    for (let i = 0; i < 19; i++) await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName(
      'System 20, request 1: In progress, assigned to Kenji Watanabe',
    );
    // Row 20 was below the box: it scrolled just enough that the row's bottom is the box's bottom.
    expect(table.parentElement!.scrollTop + GRID_BOX_HEIGHT).toBe(GRID_HEAD_HEIGHT + 20 * GRID_ROW_HEIGHT);
    expect(screen.getByRole('rowheader', { name: /System 20$/ })).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: /System 1$/ })).toBeNull();
  });

  it('draws the rows in view as it appears, before the browser has reported its box', () => {
    // A browser reports the box's size once it has laid the page out: until then the grid takes
    // the height its CSS gives the box (window height less 260 px, 420 px at least).
    const silent = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    try {
      renderFiftySystems();
      const inView = Math.ceil((Math.max(420, window.innerHeight - 260) - GRID_HEAD_HEIGHT) / GRID_ROW_HEIGHT);
      expect(screen.getByRole('rowheader', { name: /System 1$/ })).toBeInTheDocument();
      expect(screen.getByRole('rowheader', { name: new RegExp(`System ${inView}$`) })).toBeInTheDocument();
      expect(screen.getAllByRole('rowheader').length).toBeLessThan(20);
    } finally {
      globalThis.ResizeObserver = silent;
    }
  });
});

describe('the comparison of a request with a form', () => {
  it("links from the request's header, only for requests with a form", () => {
    renderWithTheme(
      <MemoryRouter>
        <ResponseGrid
          subjects={subjects}
          requests={requests}
          cells={cells}
          filtered={false}
          onOpen={vi.fn()}
          compareLink={(requestId) => (requestId === 'r2' ? `/audits/a1/requests/${requestId}/compare` : null)}
        />
      </MemoryRouter>,
    );
    const links = screen.getAllByRole('link', { name: /^Compare the answers to request/ });
    expect(links.map((a) => [a.getAttribute('aria-label'), a.getAttribute('href')])).toEqual([
      ['Compare the answers to request 2', '/audits/a1/requests/r2/compare'],
    ]);
    expect(within(screen.getAllByRole('columnheader')[2]).getByRole('link')).toBe(links[0]);
  });
});
