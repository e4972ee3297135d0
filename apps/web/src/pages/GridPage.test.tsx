import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GridCell, Member } from '../api/client';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { theme } from '../App';
import { AuditProvider, MeProvider } from '../components/layout';
import { GRID_HEAD_HEIGHT, GRID_ROW_HEIGHT } from '../components/ResponseGrid';
import { fakeApi, page, paged } from '../test/fake-api';
import { layOutGridBox, scrollGridTo } from '../test/grid-layout';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { GridPage } from './GridPage';
import { GridNavigation } from './ResponsePage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));
vi.setConfig({ testTimeout: 120_000 });

// Deadline Sunday 7 June 2026, 17:00 in New York.
const audit = auditFixture({ status: 'OPEN' });
const subjects = [
  { id: 's1', name: 'Xbox', position: 1, product: null, description: null, owner: null },
  { id: 's2', name: 'Bing', position: 2, product: null, description: null, owner: null },
];
const requests = [1, 2, 3].map((n) => ({ id: `r${n}`, ordinal: n, title: `Request ${n}` }));
const kenji: Member = {
  userId: 'u2',
  name: 'Kenji Watanabe',
  email: 'kenji@x.example',
  timeZone: 'UTC',
  role: 'CONTRIBUTOR',
  state: 'ACTIVE',
  canCertify: false,
  addedAt: '',
};
const viewer: Member = { ...kenji, userId: 'u3', name: 'Vera Viewer', role: 'VIEWER' };
const cellOf = (s: (typeof subjects)[number], n: number, extra: Partial<GridCell> = {}): GridCell => ({
  id: `${s.id}-r${n}`,
  subject: { id: s.id, name: s.name },
  request: { id: `r${n}`, ordinal: n, title: `Request ${n}` },
  status: 'NOT_STARTED',
  assignee: null,
  reviewer: null,
  dueDate: null,
  answer: null,
  version: 1,
  overdue: false,
  approvedAt: null,
  approvedBy: null,
  commentCount: 0,
  updatedAt: '2026-05-25T12:00:00Z',
  ...extra,
});
const cells = [
  cellOf(subjects[0], 1),
  cellOf(subjects[0], 2, { version: 4 }),
  cellOf(subjects[0], 3, { assignee: { id: 'u2', name: 'Kenji Watanabe' } }),
  cellOf(subjects[1], 1),
  cellOf(subjects[1], 2, { status: 'APPROVED', answer: 'Yes', version: 3 }),
  cellOf(subjects[1], 3),
];

let restoreLayout: () => void;
afterEach(() => restoreLayout());
beforeEach(() => {
  restoreLayout = layOutGridBox();
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/subjects', () => page(subjects));
  fakeApi.on('GET /api/audits/{auditId}/requests', () => page(requests));
  fakeApi.on('GET /api/audits/{auditId}/responses', () => page(cells));
  fakeApi.on('GET /api/audits/{auditId}/members', () => page([kenji, viewer]));
});

const box = (name: string) => screen.getByRole('checkbox', { name });
const selectedCount = () => within(screen.getByRole('region', { name: 'Selected responses' })).getByText(/selected$/);
/** The staffing bar's chunk arrives after the first selection. */
const staffingBar = () => screen.findByRole('region', { name: 'Selected responses' });

describe('GridPage: selecting cells and staffing them in bulk', () => {
  it('selects a cell, a shift-click range in grid order, a whole row and column, and all shown', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<GridPage />, { me: ada, audit });
    await user.click(await screen.findByRole('checkbox', { name: 'Select Xbox, request 2' }));
    await staffingBar();
    expect(selectedCount()).toHaveTextContent('1 selected');
    // From Xbox #2 to Bing #1, row by row: Xbox #2, Xbox #3, Bing #1.
    await user.keyboard('{Shift>}');
    await user.click(box('Select Bing, request 1'));
    await user.keyboard('{/Shift}');
    expect(selectedCount()).toHaveTextContent('3 selected');
    expect(box('Select Xbox, request 3')).toBeChecked();
    expect(box('Select Xbox, request 1')).not.toBeChecked();
    expect(box('Select every response of Xbox')).toBePartiallyChecked();

    await user.click(box('Select every response to request 1'));
    expect(box('Select Xbox, request 1')).toBeChecked();
    expect(selectedCount()).toHaveTextContent('4 selected');
    await user.click(box('Select every response to request 1'));
    expect(selectedCount()).toHaveTextContent('2 selected');

    // One "Select all" at a time: the selection's bar has it once cells are selected.
    expect(screen.getAllByRole('button', { name: /^Select all/ })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Select all' }));
    expect(selectedCount()).toHaveTextContent('6 selected');
    expect(screen.queryByRole('button', { name: /^Select all/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByRole('region', { name: 'Selected responses' })).toBeNull();
  });

  it('assigns the selection after a confirmation saying how many change, then lists the refused cells in plain words', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}/responses', () => ({
      applied: [
        { responseId: 's1-r1', version: 2 },
        { responseId: 's1-r2', version: 5 },
      ],
      unchanged: [{ responseId: 's1-r3', version: 1 }],
      refused: [
        {
          responseId: 's2-r2',
          code: 'APPROVED',
          reason: 'It is approved; reopen it before changing who works on it, its due date or whether it applies.',
          currentVersion: 3,
        },
      ],
      dueDate: null,
    }));
    renderInAudit(<GridPage />, { me: ada, audit });
    await user.click(await screen.findByRole('checkbox', { name: 'Select every response of Xbox' }));
    await user.click(box('Select Bing, request 2'));
    await user.click(within(await staffingBar()).getByRole('button', { name: 'Assign to…' }));
    const dialog = screen.getByRole('dialog', { name: 'Assign 4 responses' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Assign to' }));
    // Only members who can work are offered.
    expect(within(dialog).queryByRole('option', { name: 'Vera Viewer' })).toBeNull();
    await user.click(within(dialog).getByRole('option', { name: 'Kenji Watanabe' }));
    expect(dialog).toHaveTextContent(
      'This changes 3 responses of the 4 selected: they will be assigned to Kenji Watanabe.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Assign' }));

    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/audits/{auditId}/responses',
      params: { path: { auditId: audit.id } },
      body: {
        items: [
          { responseId: 's1-r1', version: 1 },
          { responseId: 's1-r2', version: 4 },
          { responseId: 's1-r3', version: 1 },
          { responseId: 's2-r2', version: 3 },
        ],
        set: { assigneeId: 'u2' },
      },
    });
    const outcome = await screen.findByRole('status');
    expect(outcome).toHaveTextContent('2 responses changed, 1 already as asked, 1 left as it was');
    expect(within(outcome).getByRole('listitem')).toHaveTextContent(
      'Bing, request 2: It is approved; reopen it before changing who works on it, its due date or whether it applies.',
    );
    expect(screen.queryByRole('region', { name: 'Selected responses' })).toBeNull();
  });

  it("does not offer a cell's assignee as its reviewer, and says which cells a reviewer cannot take", async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<GridPage />, { me: ada, audit });
    // Xbox #3 is Kenji's: he cannot review it.
    await user.click(await screen.findByRole('checkbox', { name: 'Select Xbox, request 3' }));
    await user.click(within(await staffingBar()).getByRole('button', { name: 'Reviewer…' }));
    let dialog = screen.getByRole('dialog', { name: 'Choose the reviewer of 1 response' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Reviewer' }));
    const kenjiOption = within(dialog).getByRole('option', { name: /^Kenji Watanabe/ });
    expect(kenjiOption).toHaveAccessibleName('Kenji Watanabe (the assignee, who cannot also review)');
    expect(kenjiOption).toHaveAttribute('aria-disabled', 'true');
    await user.click(kenjiOption);
    expect(dialog).toHaveTextContent('Choose a person.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // With Xbox's other cells selected too he may review those; the confirmation says his own stays.
    await user.click(box('Select every response of Xbox'));
    await user.click(within(await staffingBar()).getByRole('button', { name: 'Reviewer…' }));
    dialog = screen.getByRole('dialog', { name: 'Choose the reviewer of 3 responses' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Reviewer' }));
    await user.click(within(dialog).getByRole('option', { name: 'Kenji Watanabe' }));
    expect(dialog).toHaveTextContent(
      "This changes 2 responses of the 3 selected: they will be reviewed by Kenji Watanabe. 1 response stays as it is: Kenji Watanabe is its assignee, and a response's reviewer cannot also be its assignee.",
    );
    expect(fakeApi.writes()).toEqual([]);
  });

  it('sets the due date as business days before the deadline, showing the day it gives (and warns of a date after the deadline)', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}/responses', () => ({
      applied: [{ responseId: 's2-r3', version: 2 }],
      unchanged: [],
      refused: [],
      dueDate: '2026-06-03',
    }));
    renderInAudit(<GridPage />, { me: ada, audit });
    await user.click(await screen.findByRole('checkbox', { name: 'Select Bing, request 3' }));
    await user.click(within(await staffingBar()).getByRole('button', { name: 'Internal due date…' }));
    const dialog = screen.getByRole('dialog', { name: 'Set the internal due date of 1 response' });
    // A day after the deadline (Sunday 7 June 2026, 17:00 in New York) is said to be late.
    const day = within(dialog).getByLabelText('Internal due date');
    fireEvent.change(day, { target: { value: '2026-06-08' } });
    expect(day).toHaveAccessibleDescription(
      "This is after the audit's deadline (Jun 7, 2026, 5:00 PM EDT): the work would be late.",
    );
    fireEvent.change(day, { target: { value: '2026-06-07' } });
    expect(day).not.toHaveAccessibleDescription(/after the audit's deadline/);
    await user.click(within(dialog).getByRole('radio', { name: 'Business days before the deadline' }));
    const days = within(dialog).getByRole('textbox', { name: 'Business days before the deadline' });
    await user.clear(days);
    await user.type(days, '3');
    // Sunday 7 June 2026 in New York: three working days back is Wednesday 3 June.
    expect(dialog).toHaveTextContent(
      'This changes 1 response of the 1 selected: it will be due internally on Wed, Jun 3, 2026.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Set due date' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({
      items: [{ responseId: 's2-r3', version: 1 }],
      set: { dueBusinessDaysBeforeDeadline: 3 },
    });
    expect(await screen.findByRole('status')).toHaveTextContent('1 response changed');
  });

  it('offers no selection to those who cannot staff', async () => {
    renderInAudit(<GridPage />, { me: ada, audit: { ...audit, myRole: 'CONTRIBUTOR' } });
    expect(await screen.findByRole('button', { name: /Xbox, request 1/ })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Select all' })).toBeNull();
  });
});

describe('GridPage: requests with a form', () => {
  it("links each form's comparison from the request list's summary, asking nothing per request", async () => {
    const summary = { fieldCount: 4, requiredCount: 2, version: 3, templateName: null };
    fakeApi.on('GET /api/audits/{auditId}/requests', () =>
      page(requests.map((r) => ({ ...r, form: r.id === 'r2' ? summary : null }))),
    );
    renderInAudit(<GridPage />, { me: ada, audit });
    const link = await screen.findByRole('link', { name: 'Compare the answers to request 2' });
    expect(link).toHaveAttribute('href', `/audits/${audit.id}/requests/r2/compare`);
    expect(screen.getAllByRole('link', { name: /^Compare the answers/ })).toHaveLength(1);
    expect(fakeApi.calls.filter((c) => c.path.includes('/form'))).toEqual([]);
  });
});

describe('GridPage: a large audit', () => {
  // 50 subjects x 40 requests: 2,000 responses, four pages of the API's largest (500).
  const bigSubjects = Array.from({ length: 50 }, (_, i) => ({
    ...subjects[0],
    id: `big-s${i + 1}`,
    name: `System ${i + 1}`,
    position: i + 1,
  }));
  const bigRequests = Array.from({ length: 40 }, (_, i) => ({
    id: `r${i + 1}`,
    ordinal: i + 1,
    title: `Request ${i + 1}`,
  }));
  const bigCells = bigSubjects.flatMap((s) =>
    bigRequests.map((r) =>
      cellOf(s, r.ordinal, {
        // The last subject's cells are all approved and Kenji's: what its last row must show.
        ...(s.position === 50 && { status: 'APPROVED', assignee: { id: 'u2', name: 'Kenji Watanabe' } }),
      }),
    ),
  );

  it('shows every cell of 2,000 responses read over several pages, the last one once scrolled to', async () => {
    fakeApi.on('GET /api/audits/{auditId}/subjects', paged(bigSubjects));
    fakeApi.on('GET /api/audits/{auditId}/requests', paged(bigRequests));
    fakeApi.on('GET /api/audits/{auditId}/responses', paged(bigCells));
    // As a contributor: no selection boxes, half the elements jsdom has to build per cell.
    renderInAudit(<GridPage />, { me: ada, audit: { ...audit, myRole: 'CONTRIBUTOR' } });
    expect(await screen.findByText(/^2,000 responses\./)).toBeInTheDocument();
    const pagesRead = fakeApi.calls
      .filter((c) => c.path === '/api/audits/{auditId}/responses')
      .map((c) => c.params?.query?.page);
    expect(pagesRead).toEqual([1, 2, 3, 4]);

    // Role queries weigh every one of the hundreds of drawn cells' styles in jsdom: on a grid this
    // size the test looks the cells up by their accessible names (aria-label) instead.
    const table = screen.getByRole('table', { name: 'Responses by subject and request' });
    const subjectsDrawn = () => Array.from(table.querySelectorAll('th[scope="row"]'), (th) => th.textContent);
    // Only the rows in view are drawn.
    expect(subjectsDrawn().length).toBeLessThan(20);
    expect(subjectsDrawn()).not.toContain('System 50');

    scrollGridTo(table, GRID_HEAD_HEIGHT + 50 * GRID_ROW_HEIGHT);
    const last = await within(table).findByLabelText('System 50, request 40: Approved, assigned to Kenji Watanabe');
    expect(last).toHaveAttribute('data-status', 'APPROVED');
    expect(last).toHaveTextContent('Kenji');
    expect(subjectsDrawn()).toContain('System 50');
    expect(table.querySelectorAll('[aria-label="No response"]')).toHaveLength(0);
  });
});

describe('GridPage: keyboard', () => {
  it('selects the focused cell with Space, without opening it', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<GridPage />, { me: ada, audit });
    const first = await screen.findByRole('button', { name: /Xbox, request 1/ });
    // One Tab stop, selection boxes and all: the boxes are for the mouse, Space is for the keyboard.
    const table = screen.getByRole('table', { name: 'Responses by subject and request' });
    expect(within(table).getAllByRole('checkbox').length).toBeGreaterThan(0);
    expect(table.querySelectorAll('input:not([tabindex="-1"]), button:not([tabindex="-1"])')).toHaveLength(1);
    first.focus();
    await user.keyboard('{ArrowRight}');
    await user.keyboard(' ');
    expect(box('Select Xbox, request 2')).toBeChecked();
    await staffingBar();
    expect(selectedCount()).toHaveTextContent('1 selected');
    expect(document.activeElement).toHaveAccessibleName(/Xbox, request 2/);
  });

  it('gives focus back to the cell opened once the response page goes back to the grid, and to the one walked to', async () => {
    const user = userEvent.setup({ delay: null });
    function Response() {
      const { responseId = '' } = useParams();
      return <GridNavigation auditId={audit.id} responseId={responseId} />;
    }
    render(
      <MantineProvider theme={theme} env="test">
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={[`/audits/${audit.id}/grid`]}>
            <MeProvider value={ada}>
              <AuditProvider value={audit}>
                <Routes>
                  <Route path="/audits/:auditId/grid" element={<GridPage />} />
                  <Route path="/audits/:auditId/responses/:responseId" element={<Response />} />
                </Routes>
              </AuditProvider>
            </MeProvider>
          </MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>,
    );
    const opened = await screen.findByRole('button', { name: /Bing, request 2/ });
    opened.focus();
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('link', { name: '← Back to the grid' }));
    await waitFor(() => expect(document.activeElement).toHaveAccessibleName(/Bing, request 2/));
    expect(screen.getByRole('table').querySelectorAll('[tabindex="0"]')).toHaveLength(1);

    // Walked on to the next response: back on the grid, focus is on that one.
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Next response' }));
    await user.click(screen.getByRole('link', { name: '← Back to the grid' }));
    await waitFor(() => expect(document.activeElement).toHaveAccessibleName(/Bing, request 3/));
  });
});
