import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Member, ResponseDetail } from '../api/client';
import { fakeApi, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { GridNavigation, StatusNote, WorkPanel } from './ResponsePage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN' });
const kenji = { id: 'u2', name: 'Kenji Watanabe' };
const member = (userId: string, name: string, role: Member['role']): Member => ({
  userId,
  name,
  email: `${userId}@x.example`,
  timeZone: 'UTC',
  role,
  state: 'ACTIVE',
  canCertify: false,
  addedAt: '',
});

const response: ResponseDetail = {
  id: 'resp-1',
  subject: { id: 's1', name: 'Xbox One Social' },
  request: { id: 'r1', ordinal: 1, title: 'Data held' },
  status: 'IN_PROGRESS',
  assignee: kenji,
  reviewer: { id: ada.id, name: ada.name },
  dueDate: '2026-05-29',
  answer: 'Draft',
  version: 3,
  overdue: false,
  approvedAt: null,
  approvedBy: null,
  statusNote: null,
  commentCount: 0,
  updatedAt: '2026-05-25T12:00:00Z',
  requestText: 'Describe all data.',
  provision: null,
  subjectOwner: kenji,
};

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/members', () =>
    page([member(ada.id, ada.name, 'LEAD_COUNSEL'), member(kenji.id, kenji.name, 'CONTRIBUTOR')]),
  );
});

function renderPanel() {
  const onSave = vi.fn(() => Promise.resolve(response));
  renderInAudit(<WorkPanel response={response} counsel onSave={onSave} onConflict={vi.fn()} />, { me: ada, audit });
  return onSave;
}

describe('who and when on a response', () => {
  it('keeps the reviewer when counsel picks the same person again', async () => {
    const user = userEvent.setup({ delay: null });
    const onSave = renderPanel();
    await user.click(screen.getByRole('combobox', { name: 'Reviewer' }));
    await user.click(await screen.findByRole('option', { name: ada.name }));
    expect(screen.getByRole('combobox', { name: 'Reviewer' })).toHaveValue(ada.name);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('never offers the assignee as reviewer, nor the reviewer as assignee, and says why', async () => {
    const user = userEvent.setup({ delay: null });
    const onSave = renderPanel();
    await user.click(screen.getByRole('combobox', { name: 'Reviewer' }));
    const assignee = await screen.findByRole('option', { name: /^Kenji Watanabe/ });
    expect(assignee).toHaveAccessibleName('Kenji Watanabe (the assignee, who cannot also review)');
    expect(assignee).toHaveAttribute('aria-disabled', 'true');
    await user.click(assignee);
    expect(onSave).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('combobox', { name: 'Assignee' }));
    const reviewer = await screen.findByRole('option', { name: /^Ada/ });
    expect(reviewer).toHaveAccessibleName(`${ada.name} (the reviewer, who cannot also be the assignee)`);
    expect(reviewer).toHaveAttribute('aria-disabled', 'true');
    await user.click(reviewer);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves a typed due date once, when the field is left, never an empty one on the way', () => {
    const onSave = renderPanel();
    const field = screen.getByLabelText(/^Internal due date/);
    // Typing a date: the browser reports nothing usable until the whole date is there.
    for (const value of ['', '', '2026-06-02']) fireEvent.change(field, { target: { value } });
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.blur(field);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith({ version: 3, dueDate: '2026-06-02' });
  });

  it('says so when the due date is after the audit deadline, and saves it all the same', () => {
    const onSave = renderPanel();
    const field = screen.getByLabelText(/^Internal due date/);
    const late = "This is after the audit's deadline (Jun 7, 2026, 5:00 PM EDT): the work would be late.";
    fireEvent.change(field, { target: { value: '2026-06-07' } }); // the deadline's own day
    expect(field).not.toHaveAccessibleDescription(expect.stringContaining(late));
    fireEvent.change(field, { target: { value: '2026-06-08' } });
    expect(field).toHaveAccessibleDescription(expect.stringContaining(late));
    fireEvent.blur(field);
    expect(onSave).toHaveBeenCalledWith({ version: 3, dueDate: '2026-06-08' });
  });

  it('clears the due date only when the field is left empty, and refuses an implausible year', () => {
    const onSave = renderPanel();
    const field = screen.getByLabelText(/^Internal due date/);
    fireEvent.change(field, { target: { value: '0002-06-02' } });
    fireEvent.blur(field);
    expect(onSave).not.toHaveBeenCalled();
    expect(
      within(field.closest('.mantine-InputWrapper-root')!).getByText(/between the years 2000 and 2100/),
    ).toBeVisible();
    fireEvent.change(field, { target: { value: '' } });
    fireEvent.blur(field);
    expect(onSave).toHaveBeenCalledWith({ version: 3, dueDate: null });
  });
});

describe('walking the grid from a response', () => {
  const cells = ['c1', 'c2', 'c3'].map((id) => ({ ...response, id }));

  it('offers Previous and Next in grid order, with the position', async () => {
    fakeApi.on('GET /api/audits/{auditId}/responses', () => page(cells));
    renderInAudit(<GridNavigation auditId={audit.id} responseId="c2" />, { me: ada, audit });
    const nav = await screen.findByRole('navigation', { name: 'Responses of the grid' });
    expect(await within(nav).findByText('2 of 3')).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: 'Previous response' })).toBeEnabled();
    expect(within(nav).getByRole('button', { name: 'Next response' })).toBeEnabled();
    expect(within(nav).getByRole('link', { name: '← Back to the grid' })).toHaveAttribute(
      'href',
      `/audits/${audit.id}/grid`,
    );
  });

  it('has no Previous on the first cell and no Next on the last', async () => {
    fakeApi.on('GET /api/audits/{auditId}/responses', () => page(cells));
    renderInAudit(<GridNavigation auditId={audit.id} responseId="c3" />, { me: ada, audit });
    expect(await screen.findByText('3 of 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next response' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Previous response' })).toBeEnabled();
  });
});

describe('the note of the current status', () => {
  it("shows the assignee what the reviewer asked to change, by whom and when in the user's zone", () => {
    renderInAudit(
      <StatusNote
        response={{
          ...response,
          status: 'CHANGES_REQUESTED',
          statusNote: { reason: 'Cite the retention clause.', by: kenji, at: '2026-05-26T15:30:00Z' },
        }}
      />,
      { me: ada, audit },
    );
    const note = screen.getByRole('note', { name: 'Changes asked for' });
    expect(note).toHaveTextContent('Cite the retention clause.');
    // Ada reads London time (BST).
    expect(note).toHaveTextContent('Kenji Watanabe, May 26, 2026, 4:30 PM GMT+1');
  });

  it('shows nothing when no reason came with the status', () => {
    renderInAudit(<StatusNote response={response} />, { me: ada, audit });
    expect(screen.queryByRole('note')).toBeNull();
  });
});
