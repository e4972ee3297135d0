import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeProblem, fakeApi } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
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
const off = { active: false, since: null, reason: null, placedBy: null };

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

  it("shows the API's refusal of a hold without a reason under the field, in plain words", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/audits/{auditId}/legal-hold', () => off);
    fakeApi.on('PUT /api/audits/{auditId}/legal-hold', () => {
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        detail: 'Validation failed: reason should not be empty',
        errors: [{ field: 'reason', message: 'reason should not be empty' }],
      });
    });
    renderInAudit(<LegalHoldCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Place under legal hold' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Reason for the hold' })).toHaveAccessibleDescription(
        'Enter the reason',
      ),
    );
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
