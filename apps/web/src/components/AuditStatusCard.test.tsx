import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { AuditStatusCard } from './AuditStatusCard';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

beforeEach(() => fakeApi.reset());

describe('AuditStatusCard', () => {
  it('offers lead counsel the moves the lifecycle allows, and confirms what happens before moving', async () => {
    const user = userEvent.setup({ delay: null });
    const audit = auditFixture({ status: 'OPEN' });
    fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...audit, ...(body as object) }));
    renderInAudit(<AuditStatusCard />, { me: ada, audit });
    const card = screen.getByRole('region', { name: 'Audit status' });
    expect(
      within(card)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Mark as submitted', 'Close the audit']);

    await user.click(screen.getByRole('button', { name: 'Mark as submitted' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark the audit as submitted?' });
    expect(dialog).toHaveTextContent('Every pending reminder is cancelled');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Mark as submitted' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      params: { path: { auditId: audit.id } },
      body: { status: 'SUBMITTED' },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('records the day the response was submitted when it was not today', async () => {
    const user = userEvent.setup({ delay: null });
    const audit = auditFixture({ status: 'OPEN' });
    fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...audit, ...(body as object) }));
    renderInAudit(<AuditStatusCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Mark as submitted' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark the audit as submitted?' });
    await user.type(within(dialog).getByLabelText('Submitted on'), '2026-06-05');
    await user.click(within(dialog).getByRole('button', { name: 'Mark as submitted' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({ status: 'SUBMITTED', submittedAt: '2026-06-05' });
  });

  it('words a move back to open as reopening, and cancelling changes nothing', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<AuditStatusCard />, { me: ada, audit: auditFixture({ status: 'CLOSED' }) });
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    const dialog = screen.getByRole('dialog', { name: 'Reopen the audit?' });
    expect(dialog).toHaveTextContent('moves from Closed back to Open');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fakeApi.writes()).toEqual([]);
  });

  it('asks why a closed audit is reopened and sends the reason', async () => {
    const user = userEvent.setup({ delay: null });
    const audit = auditFixture({ status: 'CLOSED' });
    fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...audit, ...(body as object) }));
    renderInAudit(<AuditStatusCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Reopen' }));
    const dialog = screen.getByRole('dialog', { name: 'Reopen the audit?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Why is the audit reopened/ }), ' Follow-up request ');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({ body: { status: 'OPEN', statusReason: 'Follow-up request' } });
  });

  it("shows the API's refusal inside the dialog", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}', () => {
      throw new FakeProblem(403, { code: 'FORBIDDEN', detail: 'Only lead counsel can change the status of an audit.' });
    });
    renderInAudit(<AuditStatusCard />, { me: ada, audit: auditFixture({ status: 'DRAFT' }) });
    await user.click(screen.getByRole('button', { name: 'Open for work' }));
    const dialog = screen.getByRole('dialog', { name: 'Open the audit for work?' });
    await user.click(within(dialog).getByRole('button', { name: 'Open for work' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only lead counsel can change the status of an audit.',
    );
  });

  it('offers counsel no move', () => {
    renderInAudit(<AuditStatusCard />, { me: ada, audit: auditFixture({ myRole: 'COUNSEL' }) });
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('Only lead counsel can change the status.')).toBeInTheDocument();
  });
});
