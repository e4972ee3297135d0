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
  fakeApi.on('GET /api/me/reminders', () => settings);
});

const settings = {
  hour: null,
  days: [1, 2, 3, 4, 5],
  vacationFrom: null,
  vacationUntil: null,
  timeZone: 'Europe/London',
  audits: [
    {
      auditId: '11111111-1111-4111-8111-111111111111',
      title: 'Outlook audit 2023',
      referenceCode: 'AUD-1',
      name: 'Twitter v. Microsoft audit',
      status: 'OPEN',
      enabled: true,
      pausedByCounsel: false,
      sendHour: 9,
    },
    {
      auditId: '22222222-2222-4222-8222-222222222222',
      title: 'Teams audit',
      referenceCode: 'AUD-2',
      name: 'Acme v. Microsoft audit',
      status: 'OPEN',
      enabled: false,
      pausedByCounsel: true,
      sendHour: 9,
    },
  ],
};

describe('Profile', () => {
  it('saves the digest hour, days and a vacation, and shows a refused field under it in plain words', async () => {
    const user = userEvent.setup({ delay: null });
    let refuse = true;
    fakeApi.on('PUT /api/me/reminders', ({ body }) => {
      if (refuse) {
        refuse = false;
        throw new FakeProblem(400, {
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'vacationUntil', message: 'vacationUntil must be on or after vacationFrom.' }],
        });
      }
      return { ...settings, ...(body as object) };
    });
    open();
    const card = await screen.findByRole('region', { name: 'Reminders' });
    expect(await within(card).findByText(/in your zone, Europe\/London/)).toBeInTheDocument();
    await user.click(within(card).getByRole('combobox', { name: 'Hour of your digests' }));
    await user.click(await screen.findByRole('option', { name: '07:00' }));
    await user.click(within(card).getByRole('checkbox', { name: 'Fri' }));
    await user.click(within(card).getByRole('checkbox', { name: 'Sat' }));
    await user.type(within(card).getByLabelText('Away from'), '2023-06-10');
    await user.type(within(card).getByLabelText('Away until'), '2023-06-20');
    // Refused all the same (the API checks too): its words, reworded, under the field.
    await user.click(within(card).getByRole('button', { name: 'Save reminder settings' }));
    await waitFor(() =>
      expect(within(card).getByLabelText('Away until')).toHaveAccessibleDescription(
        'The last day away must be on or after the first',
      ),
    );
    expect(card).not.toHaveTextContent('vacationFrom');
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PUT',
      path: '/api/me/reminders',
      body: { hour: 7, days: [1, 2, 3, 4, 6], vacationFrom: '2023-06-10', vacationUntil: '2023-06-20' },
    });

    await user.click(within(card).getByRole('button', { name: 'Save reminder settings' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes()[1].body).toEqual({
      hour: 7,
      days: [1, 2, 3, 4, 6],
      vacationFrom: '2023-06-10',
      vacationUntil: '2023-06-20',
    });
  });

  it('says a vacation that ends before it starts under the field, and sends nothing until it is put right', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/me/reminders', () => ({ ...settings, timeZone: 'America/New_York' }));
    fakeApi.on('PUT /api/me/reminders', ({ body }) => ({ ...settings, ...(body as object) }));
    open();
    const card = await screen.findByRole('region', { name: 'Reminders' });
    // The zone as the rest of the app names it.
    expect(await within(card).findByText(/in your zone, America\/New York\./)).toBeInTheDocument();
    await user.type(within(card).getByLabelText('Away from'), '2026-12-24');
    await user.type(within(card).getByLabelText('Away until'), '2026-12-20');
    await user.click(within(card).getByRole('button', { name: 'Save reminder settings' }));
    expect(within(card).getByLabelText('Away until')).toHaveAccessibleDescription(
      'The last day away must be on or after the first',
    );
    expect(fakeApi.writes()).toEqual([]);

    await user.clear(within(card).getByLabelText('Away until'));
    expect(within(card).getByLabelText('Away until')).not.toHaveAccessibleDescription(/must be on or after/);
    await user.type(within(card).getByLabelText('Away until'), '2027-01-04');
    await user.click(within(card).getByRole('button', { name: 'Save reminder settings' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toMatchObject({ vacationFrom: '2026-12-24', vacationUntil: '2027-01-04' });
  });

  it('cannot save with no day chosen', async () => {
    const user = userEvent.setup({ delay: null });
    open();
    const card = await screen.findByRole('region', { name: 'Reminders' });
    await within(card).findByRole('checkbox', { name: 'Mon' });
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])
      await user.click(within(card).getByRole('checkbox', { name: day }));
    expect(within(card).getByRole('button', { name: 'Save reminder settings' })).toBeDisabled();
  });

  it("lists the user's audits with a switch each, and says which counsel paused", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PUT /api/audits/{auditId}/reminders/mine', ({ body }) => ({ ...(body as object), member: true }));
    open();
    const card = await screen.findByRole('region', { name: 'Reminders' });
    const first = await within(card).findByRole('switch', { name: /Reminders of the Twitter v. Microsoft audit/ });
    const second = within(card).getByRole('switch', { name: /Reminders of the Acme v. Microsoft audit/ });
    expect(first).toBeChecked();
    expect(second).not.toBeChecked();
    expect(within(card).getAllByText('Paused by counsel')).toHaveLength(1);
    await user.click(first);
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PUT',
      params: { path: { auditId: settings.audits[0].auditId } },
      body: { enabled: false },
    });
  });

  it('saves a new name and time zone, and only what changed', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/auth/me', ({ body }) => ({ ...ada, ...(body as object) }));
    const { client } = open();
    const details = screen.getByRole('region', { name: 'Your details' });
    expect(within(details).getByRole('textbox', { name: 'Email' })).toHaveValue(ada.email);
    expect(within(details).getByRole('button', { name: 'Save details' })).toBeDisabled();
    const zone = within(details).getByRole('combobox', { name: /^Time zone/ });
    expect(zone).toHaveValue('Europe/London');
    // A city as people write it finds its zone, and UTC is offered.
    await user.clear(zone);
    await user.type(zone, 'utc');
    expect(await screen.findByRole('option', { name: 'UTC' })).toBeInTheDocument();
    await user.clear(zone);
    await user.type(zone, 'New York');
    expect(await screen.findByRole('option', { name: 'America/New York' })).toBeInTheDocument();
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
