import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { renderAt } from '../test/render';
import { PasswordResetPage } from './PasswordResetPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const open = () => renderAt(<PasswordResetPage />, { path: '/password-resets/:token', url: '/password-resets/tok_r' });
beforeEach(() => fakeApi.reset());

describe('Setting a new password from a reset link', () => {
  it('sets the password, then sends the person to log in', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/password-resets/{token}', () => ({
      email: 'kenji@firm.example',
      name: 'Kenji Watanabe',
      expiresAt: '2026-12-02T09:00:00.000Z',
    }));
    fakeApi.on('POST /api/password-resets/{token}', () => undefined);
    open();
    expect(await screen.findByText(/For Kenji Watanabe \(kenji@firm\.example\)/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^New password/), 'a-new-long-password');
    await user.type(screen.getByLabelText(/^Repeat the password/), 'a-new-long-password');
    await user.click(screen.getByRole('button', { name: 'Set the password' }));
    expect(await screen.findByRole('heading', { name: 'Your password is set' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    await waitFor(() =>
      expect(fakeApi.writes()).toMatchObject([
        {
          path: '/api/password-resets/{token}',
          params: { path: { token: 'tok_r' } },
          body: { password: 'a-new-long-password' },
        },
      ]),
    );
  });

  it('says plainly that a used link no longer works', async () => {
    fakeApi.on('GET /api/password-resets/{token}', () => {
      throw new FakeProblem(410, { code: 'GONE', detail: 'This link has already been used; each link works once.' });
    });
    open();
    expect(
      await screen.findByRole('heading', { name: 'This password reset link no longer works' }),
    ).toBeInTheDocument();
    expect(screen.getByText('This link has already been used; each link works once.')).toBeInTheDocument();
  });
});
