import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeProblem, fakeApi } from '../test/fake-api';
import { ada, auditFixture, noLegalHold } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { LegalHoldCard } from './LegalHoldCard';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN' });
const onHold = {
  active: true,
  since: '2026-05-20T09:00:00.000Z',
  reason: 'Litigation notice LN-7',
  placedBy: { id: ada.id, name: ada.name },
};
const off = noLegalHold;

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/legal-hold', () => onHold);
  fakeApi.on('GET /api/audits/{auditId}', () => audit);
});

describe('LegalHoldCard', () => {
  it('lifts the hold only after a confirmation that says why, and sends the reason', async () => {
    const user = userEvent.setup({ delay: null });
    let hold: typeof onHold | typeof off = onHold;
    fakeApi.on('GET /api/audits/{auditId}/legal-hold', () => hold);
    fakeApi.on('DELETE /api/audits/{auditId}/legal-hold', () => (hold = off));
    renderInAudit(<LegalHoldCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Lift the hold' }));
    const dialog = screen.getByRole('dialog', { name: 'Lift the legal hold?' });
    expect(dialog).toHaveTextContent('can be deleted again');
    expect(fakeApi.writes()).toEqual([]);
    const confirm = within(dialog).getByRole('button', { name: 'Lift the hold' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: /Why is the hold lifted/ }), '  Matter settled  ');
    await user.click(confirm);
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'DELETE',
      params: { path: { auditId: audit.id } },
      body: { reason: 'Matter settled' },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Off. Records may be deleted by those allowed to.')).toBeInTheDocument();
  });

  it('asks for the reason in the form, before any request, when it is left empty', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/audits/{auditId}/legal-hold', () => off);
    renderInAudit(<LegalHoldCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Place under legal hold' }));
    const field = screen.getByRole('textbox', { name: 'Reason for the hold' });
    expect(field).toHaveAccessibleDescription('Enter the reason for the hold');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.type(field, '   ');
    await user.click(screen.getByRole('button', { name: 'Place under legal hold' }));
    expect(field).toHaveAccessibleDescription('Enter the reason for the hold');
    expect(fakeApi.writes()).toEqual([]);
  });

  it('places the hold only after a confirmation that says what a hold does, and sends the reason', async () => {
    const user = userEvent.setup({ delay: null });
    let hold: typeof onHold | typeof off = off;
    fakeApi.on('GET /api/audits/{auditId}/legal-hold', () => hold);
    fakeApi.on('PUT /api/audits/{auditId}/legal-hold', () => (hold = onHold));
    renderInAudit(<LegalHoldCard />, { me: ada, audit });
    await user.type(await screen.findByRole('textbox', { name: 'Reason for the hold' }), ' Litigation notice LN-7 ');
    await user.click(screen.getByRole('button', { name: 'Place under legal hold' }));
    let dialog = screen.getByRole('dialog', { name: 'Place the audit under legal hold?' });
    expect(dialog).toHaveTextContent('nothing in this audit can be deleted');
    expect(dialog).toHaveTextContent('until lead counsel lifts the hold');
    expect(dialog).toHaveTextContent('Reason: Litigation notice LN-7');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fakeApi.writes()).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Place under legal hold' }));
    dialog = screen.getByRole('dialog', { name: 'Place the audit under legal hold?' });
    await user.click(within(dialog).getByRole('button', { name: 'Place under legal hold' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PUT',
      params: { path: { auditId: audit.id } },
      body: { reason: 'Litigation notice LN-7' },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('On: nothing in this audit may be deleted')).toBeInTheDocument();
  });

  it("shows the API's refusal of a hold in the dialog, in plain words", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/audits/{auditId}/legal-hold', () => off);
    fakeApi.on('PUT /api/audits/{auditId}/legal-hold', () => {
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        detail: 'Validation failed: reason must be shorter than or equal to 2000 characters',
        errors: [{ field: 'reason', message: 'reason must be shorter than or equal to 2000 characters' }],
      });
    });
    renderInAudit(<LegalHoldCard />, { me: ada, audit });
    await user.type(await screen.findByRole('textbox', { name: 'Reason for the hold' }), 'Notice');
    await user.click(screen.getByRole('button', { name: 'Place under legal hold' }));
    const dialog = screen.getByRole('dialog', { name: 'Place the audit under legal hold?' });
    await user.click(within(dialog).getByRole('button', { name: 'Place under legal hold' }));
    expect(await within(dialog).findByText(/Keep this to 2,000 characters or fewer/)).toBeInTheDocument();
  });

  it('cancelling the dialog keeps the hold', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<LegalHoldCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Lift the hold' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(fakeApi.writes()).toEqual([]);
    expect(screen.getByText('Litigation notice LN-7')).toBeInTheDocument();
  });
});
