import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminUser, User } from '../api/client';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { ada } from '../test/fixtures';
import { renderAt } from '../test/render';
import { UsersPage } from './UsersPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const admin: User = { ...ada, orgRole: 'ADMIN' };
const row = (extra: Partial<AdminUser>): AdminUser => ({
  id: 'u0',
  email: 'x@firm.example',
  name: 'X',
  timeZone: 'UTC',
  orgRole: 'MEMBER',
  canOpenAudits: false,
  state: 'ACTIVE',
  lastLoginAt: null,
  invitedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const users: AdminUser[] = [
  row({ id: admin.id, name: admin.name, email: admin.email, orgRole: 'ADMIN', lastLoginAt: '2026-12-01T09:00:00Z' }),
  row({ id: 'u2', name: 'Kenji Watanabe', email: 'kenji@firm.example', lastLoginAt: '2026-11-30T17:45:00Z' }),
  row({ id: 'u3', name: 'Grace Hopper', email: 'grace@firm.example', state: 'DEACTIVATED' }),
  row({ id: 'u4', name: 'dana', email: 'dana@firm.example', state: 'INVITED' }),
];
const open = () => renderAt(<UsersPage />, { path: '/users', url: '/users', me: admin });

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/admin/users', () => ({ items: users, page: 1, pageSize: 50, total: users.length }));
});

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(name) });

describe('Users (org admins)', () => {
  it('lists every user with role, state and last login in the admin’s zone', async () => {
    open();
    await screen.findByRole('table', { name: 'Users' });
    // Europe/London in winter is UTC.
    expect(rowOf('Kenji Watanabe')).toHaveTextContent('Nov 30, 2026, 5:45 PM GMT');
    expect(rowOf('Kenji Watanabe')).toHaveTextContent('Active');
    expect(rowOf('Grace Hopper')).toHaveTextContent('Deactivated');
    expect(rowOf('Grace Hopper')).toHaveTextContent('Never');
    expect(rowOf('dana')).toHaveTextContent('Invited');
    // No one deactivates themselves from here.
    expect(within(rowOf('Ada Lovelace')).queryByRole('button', { name: /Deactivate/ })).toBeNull();
    expect(within(rowOf('Grace Hopper')).getByRole('button', { name: 'Reactivate Grace Hopper' })).toBeInTheDocument();
  });

  it('searches by name or email', async () => {
    const user = userEvent.setup({ delay: null });
    open();
    await screen.findByRole('table', { name: 'Users' });
    await user.type(screen.getByRole('textbox', { name: 'Search' }), 'kenji');
    await waitFor(() =>
      expect(fakeApi.calls.filter((c) => c.path === '/api/admin/users').at(-1)).toMatchObject({
        params: { query: { search: 'kenji', page: 1 } },
      }),
    );
  });

  it('deactivates a user only after confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/admin/users/{userId}', ({ body }) => ({
      ...users[1],
      state: 'DEACTIVATED',
      ...(body as object),
    }));
    open();
    await user.click(await screen.findByRole('button', { name: 'Deactivate Kenji Watanabe' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Kenji Watanabe?' });
    expect(dialog).toHaveTextContent('logged out at once');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/admin/users/{userId}',
      params: { path: { userId: 'u2' } },
      body: { active: false },
    });
  });

  it('sends a password reset after confirmation, and shows a refusal inside the dialog', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/admin/users/{userId}/reset-password', () => {
      throw new FakeProblem(503, { detail: 'The mail server did not answer.' });
    });
    open();
    await user.click(await screen.findByRole('button', { name: 'Reset the password of Kenji Watanabe' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset the password of Kenji Watanabe?' });
    expect(dialog).toHaveTextContent('kenji@firm.example is emailed a link, valid 24 hours');
    await user.click(within(dialog).getByRole('button', { name: 'Send reset email' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The mail server did not answer.');
    expect(fakeApi.writes()).toMatchObject([{ method: 'POST', params: { path: { userId: 'u2' } } }]);
  });

  it('makes a member an admin after a confirmation that says what admins may do; never offered for oneself', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/admin/users/{userId}', ({ body }) => ({ ...users[1], ...(body as object) }));
    open();
    await user.click(await screen.findByRole('button', { name: 'Make Kenji Watanabe an admin' }));
    const dialog = screen.getByRole('dialog', { name: 'Make Kenji Watanabe an admin?' });
    expect(dialog).toHaveTextContent('Admins manage every user of the organisation');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Make admin' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      params: { path: { userId: 'u2' } },
      body: { orgRole: 'ADMIN' },
    });
    expect(within(rowOf(admin.name)).queryByRole('button', { name: /Make/ })).toBeNull();
  });

  it('allows a member to open audits only after a confirmation; admins always may', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/admin/users/{userId}', ({ body }) => ({ ...users[1], ...(body as object) }));
    open();
    await screen.findByRole('table', { name: 'Users' });
    expect(rowOf(admin.name)).toHaveTextContent('Yes, as an admin');
    expect(within(rowOf('Grace Hopper')).queryByRole('button', { name: /open audits/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Allow Kenji Watanabe to open audits' }));
    const dialog = screen.getByRole('dialog', { name: 'Allow Kenji Watanabe to open audits?' });
    expect(dialog).toHaveTextContent('They can open a new audit when a demand arrives');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Allow' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      params: { path: { userId: 'u2' } },
      body: { canOpenAudits: true },
    });
  });

  it('resends the invitation of an invited user after confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/admin/users/{userId}/resend-invitation', () => ({
      expiresAt: '2026-12-09T09:00:00Z',
      mailSent: true,
    }));
    open();
    await screen.findByRole('table', { name: 'Users' });
    expect(within(rowOf('Kenji Watanabe')).queryByRole('button', { name: /Resend/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Resend the invitation of dana' }));
    const dialog = screen.getByRole('dialog', { name: 'Send dana a new invitation?' });
    expect(dialog).toHaveTextContent('The link they have now stops working.');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toMatchObject([
        { method: 'POST', path: '/api/admin/users/{userId}/resend-invitation', params: { path: { userId: 'u4' } } },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Send dana a new invitation?' })).toBeNull());
  });

  it('creates a user who is emailed an invitation, or one with a temporary password', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/admin/users', ({ body }) => ({
      ...row({ id: 'u9' }),
      ...(body as object),
      invitation: { expiresAt: '2026-12-08T09:00:00.000Z', mailSent: true },
    }));
    open();
    await user.click(await screen.findByRole('button', { name: 'New user' }));
    let dialog = screen.getByRole('dialog', { name: 'New user' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'maria@firm.example');
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Maria Santos');
    await user.click(within(dialog).getByRole('button', { name: 'Create and invite' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({ email: 'maria@firm.example', name: 'Maria Santos', orgRole: 'MEMBER' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New user' })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'New user' }));
    dialog = screen.getByRole('dialog', { name: 'New user' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'li@firm.example');
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Li Wei');
    await user.click(within(dialog).getByRole('combobox', { name: /^Organisation role/ }));
    await user.click(screen.getByRole('option', { name: 'Admin' }));
    await user.click(within(dialog).getByRole('radio', { name: /temporary password/ }));
    await user.type(within(dialog).getByLabelText(/^Temporary password/), 'temporary-password-1');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes()[1].body).toMatchObject({
      email: 'li@firm.example',
      name: 'Li Wei',
      orgRole: 'ADMIN',
      temporaryPassword: 'temporary-password-1',
    });
  });
});
