import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../api/queries';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { ada } from '../test/fixtures';
import { renderAt } from '../test/render';
import { ProfilePage } from './ProfilePage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const open = () => renderAt(<ProfilePage />, { path: '/profile', url: '/profile', me: ada });

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/calendar/feed', () => ({ exists: false }));
});

describe('Profile', () => {
  it('saves a new name and time zone, and only what changed', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/auth/me', ({ body }) => ({ ...ada, ...(body as object) }));
    const { client } = open();
    const details = screen.getByRole('region', { name: 'Your details' });
    expect(within(details).getByRole('textbox', { name: 'Email' })).toHaveValue(ada.email);
    expect(within(details).getByRole('button', { name: 'Save details' })).toBeDisabled();
    const zone = within(details).getByRole('combobox', { name: /^Time zone/ });
    expect(zone).toHaveValue('Europe/London');
    await user.clear(zone);
    await user.type(zone, 'Tokyo');
    await user.click(await screen.findByRole('option', { name: 'Asia/Tokyo' }));
    await user.click(within(details).getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/auth/me',
      body: { timeZone: 'Asia/Tokyo' },
    });
    expect(Object.keys(fakeApi.writes()[0].body as object)).toEqual(['timeZone']);
    await waitFor(() => expect(client.getQueryData(keys.me)).toMatchObject({ timeZone: 'Asia/Tokyo' }));
  });

  it('changes the password with the current one, and shows a wrong current password under its field', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/auth/me/password', () => {
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'currentPassword', message: 'The current password is not correct.' }],
      });
    });
    open();
    const card = screen.getByRole('region', { name: 'Password' });
    await user.type(within(card).getByLabelText(/^Current password/), 'old-password-1');
    await user.type(within(card).getByLabelText(/^New password/), 'new-password-22');
    await user.type(within(card).getByLabelText(/^Repeat the new password/), 'new-password-2');
    await user.click(within(card).getByRole('button', { name: 'Change password' }));
    expect(await within(card).findByText('The two passwords differ')).toBeInTheDocument();
    expect(fakeApi.writes()).toEqual([]);

    await user.type(within(card).getByLabelText(/^Repeat the new password/), '2');
    await user.click(within(card).getByRole('button', { name: 'Change password' }));
    expect(await within(card).findByText('The current password is not correct')).toBeInTheDocument();
    expect(fakeApi.writes()).toMatchObject([
      {
        method: 'POST',
        path: '/api/auth/me/password',
        body: { currentPassword: 'old-password-1', newPassword: 'new-password-22' },
      },
    ]);
  });

  it('makes a calendar feed URL after confirmation and offers to copy it', async () => {
    const user = userEvent.setup({ delay: null });
    const url = 'https://auditdesk.example.com/api/calendar/cal_secret.ics';
    fakeApi.on('POST /api/calendar/feed', () => ({ url }));
    open();
    const card = screen.getByRole('region', { name: 'Calendar feed' });
    expect(await within(card).findByText('You have no feed URL yet.')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Make a new feed URL' }));
    const dialog = screen.getByRole('dialog', { name: 'Make a new calendar feed URL?' });
    expect(dialog).toHaveTextContent('Any feed URL you made before stops working');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Make a new URL' }));
    expect(await within(card).findByRole('textbox', { name: 'Your feed URL' })).toHaveValue(url);
    expect(fakeApi.writes()).toMatchObject([{ method: 'POST', path: '/api/calendar/feed' }]);
    const copy = within(card).getByRole('button', { name: 'Copy the feed URL' });
    await user.click(copy);
    expect(await navigator.clipboard.readText()).toBe(url);
    expect(within(card).queryByText('You have no feed URL yet.')).toBeNull();
  });

  it('says when a feed URL already exists, which a new one would replace', async () => {
    fakeApi.on('GET /api/calendar/feed', () => ({ exists: true }));
    open();
    const card = screen.getByRole('region', { name: 'Calendar feed' });
    expect(
      await within(card).findByText(/^You have a feed URL, and it works\. It was shown only when you made it/),
    ).toBeInTheDocument();
    expect(within(card).queryByRole('textbox', { name: 'Your feed URL' })).toBeNull();
  });
});
