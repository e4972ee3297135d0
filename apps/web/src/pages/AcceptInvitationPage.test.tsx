import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../api/queries';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { renderAt } from '../test/render';
import { AcceptInvitationPage } from './AcceptInvitationPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const TOKEN = 'tok_abc';
const invitation = {
  email: 'dana@client.example',
  name: 'dana',
  invitedBy: 'Ada Lovelace',
  audit: { title: 'Database licence audit', referenceCode: 'ORCL-ACME-2026', role: 'CONTRIBUTOR' },
  expiresAt: '2026-12-08T09:00:00.000Z',
};
const open = () => renderAt(<AcceptInvitationPage />, { path: '/invitations/:token', url: `/invitations/${TOKEN}` });

beforeEach(() => {
  fakeApi.reset();
  // The browser's own zone is the first guess.
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({
    timeZone: 'America/Chicago',
  } as Intl.ResolvedDateTimeFormatOptions);
});
afterEach(() => vi.restoreAllMocks());

describe('Accepting an invitation', () => {
  it('says who invited whom to what, takes name, time zone and password, and logs the person in', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/invitations/{token}', () => invitation);
    fakeApi.on('POST /api/invitations/{token}/accept', ({ body }) => ({
      id: 'u9',
      email: invitation.email,
      orgRole: 'MEMBER',
      canOpenAudits: false,
      ...(body as { name: string; timeZone: string }),
    }));
    const { client } = open();
    await screen.findByRole('heading', { name: 'Accept your invitation' });
    expect(
      screen.getByText(
        /Ada Lovelace invited you to the audit “Database licence audit” \(ORCL-ACME-2026\) as contributor/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Email' })).toHaveValue('dana@client.example');
    expect(screen.getByRole('combobox', { name: /^Time zone/ })).toHaveValue('America/Chicago');

    const name = screen.getByRole('textbox', { name: /^Your name/ });
    await user.clear(name);
    await user.type(name, 'Dana Ops');
    await user.click(screen.getByRole('combobox', { name: /^Time zone/ }));
    await user.clear(screen.getByRole('combobox', { name: /^Time zone/ }));
    await user.type(screen.getByRole('combobox', { name: /^Time zone/ }), 'Dublin');
    await user.click(await screen.findByRole('option', { name: 'Europe/Dublin' }));
    await user.type(screen.getByLabelText(/^Password/), 'dana-long-password');
    await user.type(screen.getByLabelText(/^Repeat the password/), 'dana-long-password');
    await user.click(screen.getByRole('button', { name: 'Accept and log in' }));

    expect(await screen.findByTestId('elsewhere')).toHaveTextContent('/audits');
    expect(fakeApi.writes()).toMatchObject([
      {
        method: 'POST',
        path: '/api/invitations/{token}/accept',
        params: { path: { token: TOKEN } },
        body: { name: 'Dana Ops', timeZone: 'Europe/Dublin', password: 'dana-long-password' },
      },
    ]);
    expect(client.getQueryData(keys.me)).toMatchObject({ name: 'Dana Ops', timeZone: 'Europe/Dublin' });
  });

  it('refuses two different passwords before asking the API', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/invitations/{token}', () => invitation);
    open();
    await user.type(await screen.findByLabelText(/^Password/), 'dana-long-password');
    await user.type(screen.getByLabelText(/^Repeat the password/), 'dana-long-passwort');
    await user.click(screen.getByRole('button', { name: 'Accept and log in' }));
    expect(await screen.findByText('The two passwords differ')).toBeInTheDocument();
    expect(fakeApi.writes()).toEqual([]);
  });

  it('shows a short password as the API words it, under the field', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/invitations/{token}', () => invitation);
    fakeApi.on('POST /api/invitations/{token}/accept', () => {
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'password', message: 'password needs at least 10 characters' }],
      });
    });
    open();
    await user.type(await screen.findByLabelText(/^Password/), 'short');
    await user.type(screen.getByLabelText(/^Repeat the password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Accept and log in' }));
    expect(await screen.findByText('Use at least 10 characters')).toBeInTheDocument();
  });

  it('says plainly that a used or expired link no longer works', async () => {
    fakeApi.on('GET /api/invitations/{token}', () => {
      throw new FakeProblem(410, {
        code: 'GONE',
        detail: 'This invitation has expired; ask for a new one.',
        reason: 'EXPIRED',
      });
    });
    open();
    expect(await screen.findByRole('heading', { name: 'This invitation link no longer works' })).toBeInTheDocument();
    expect(screen.getByText('This invitation has expired; ask for a new one.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'log in' })).toHaveAttribute('href', '/login');
    expect(screen.queryByRole('button', { name: 'Accept and log in' })).toBeNull();
  });

  it('says so when the link was used while the form was open', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/invitations/{token}', () => invitation);
    fakeApi.on('POST /api/invitations/{token}/accept', () => {
      throw new FakeProblem(410, {
        code: 'GONE',
        detail: 'This invitation has already been used; each link works once.',
      });
    });
    open();
    await user.type(await screen.findByLabelText(/^Password/), 'dana-long-password');
    await user.type(screen.getByLabelText(/^Repeat the password/), 'dana-long-password');
    await user.click(screen.getByRole('button', { name: 'Accept and log in' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'This invitation link no longer works' })).toBeInTheDocument(),
    );
    expect(screen.getByText('This invitation has already been used; each link works once.')).toBeInTheDocument();
  });
});
