import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fake-api';
import { ada, auditFixture, remindersRunning } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { ReminderPauseBanner } from './ReminderPauseBanner';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const counselAudit = auditFixture({ status: 'OPEN', myRole: 'COUNSEL' });
const paused = {
  paused: true,
  since: '2023-05-20T09:00:00.000Z',
  reason: 'Settlement talks until June',
  pausedBy: { id: ada.id, name: 'Grace Hopper' },
};
const running = remindersRunning;

beforeEach(() => fakeApi.reset());

describe('ReminderPauseBanner', () => {
  it('says who paused the reminders, when and why, and resumes them after a confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    let state: typeof paused | typeof running = paused;
    fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => state);
    fakeApi.on('DELETE /api/audits/{auditId}/reminders/pause', () => (state = running));
    renderInAudit(<ReminderPauseBanner />, { me: ada, audit: counselAudit });
    const banner = await screen.findByRole('status', { name: 'Reminders paused' });
    // Ada reads times in London (BST): 09:00Z is 10:00 there.
    expect(banner).toHaveTextContent(
      'Reminders paused by Grace Hopper on May 20, 2023, 10:00 AM GMT+1: Settlement talks until June',
    );
    await user.click(within(banner).getByRole('button', { name: 'Resume reminders' }));
    const dialog = screen.getByRole('dialog', { name: 'Resume the reminders of this audit?' });
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Resume reminders' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({ method: 'DELETE', params: { path: { auditId: counselAudit.id } } });
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Reminders paused' })).toBeNull());
  });

  it('shows the pause to every member, without Resume for those who are not counsel', async () => {
    fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => paused);
    renderInAudit(<ReminderPauseBanner offerPause />, {
      me: ada,
      audit: auditFixture({ status: 'OPEN', myRole: 'CONTRIBUTOR' }),
    });
    const banner = await screen.findByRole('status', { name: 'Reminders paused' });
    expect(banner).toHaveTextContent('Settlement talks until June');
    expect(within(banner).queryByRole('button')).toBeNull();
  });

  it('pauses only with a reason, after a confirmation that says what it does', async () => {
    const user = userEvent.setup({ delay: null });
    let state: typeof paused | typeof running = running;
    fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => state);
    fakeApi.on('PUT /api/audits/{auditId}/reminders/pause', ({ body }) => {
      state = { ...paused, reason: (body as { reason: string }).reason };
      return state;
    });
    renderInAudit(<ReminderPauseBanner offerPause />, { me: ada, audit: counselAudit });
    await user.click(await screen.findByRole('button', { name: 'Pause reminders…' }));
    const dialog = screen.getByRole('dialog', { name: 'Pause the reminders of this audit?' });
    expect(dialog).toHaveTextContent('until it is resumed');
    const confirm = within(dialog).getByRole('button', { name: 'Pause reminders' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: /Why are reminders paused/ }), '  Client on holiday ');
    await user.click(confirm);
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({ method: 'PUT', body: { reason: 'Client on holiday' } });
    expect(await screen.findByRole('status', { name: 'Reminders paused' })).toHaveTextContent('Client on holiday');
  });

  it('cancelling the pause dialog changes nothing', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => running);
    renderInAudit(<ReminderPauseBanner offerPause />, { me: ada, audit: counselAudit });
    await user.click(await screen.findByRole('button', { name: 'Pause reminders…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(fakeApi.writes()).toEqual([]);
    expect(screen.queryByRole('status', { name: 'Reminders paused' })).toBeNull();
  });
});
