import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Extension } from '../api/client';
import { FakeProblem, fakeApi, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { ExtensionsCard } from './ExtensionsCard';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN' });
const asked: Extension = {
  id: 'e0000000-0000-4000-8000-000000000001',
  requestedOn: '2026-05-26',
  newDeadline: '2026-06-21T21:00:00.000Z',
  newDeadlineLocal: '2026-06-21T17:00:00.000-04:00',
  status: 'REQUESTED',
  previousDeadline: null,
  decidedOn: null,
  note: null,
  decisionNote: null,
  recordedBy: { id: ada.id, name: ada.name },
  createdAt: '2026-05-26T14:00:00.000Z',
};

beforeEach(() => {
  fakeApi.reset();
  // Friday 29 May 2026, 10:00 in New York (the audit's zone); only the date is faked.
  vi.useFakeTimers({ now: new Date('2026-05-29T14:00:00Z'), toFake: ['Date'] });
  fakeApi.on('GET /api/audits/{auditId}/extensions', () => page([asked]));
  fakeApi.on('POST /api/audits/{auditId}/extensions/{extensionId}/decision', ({ body }) => ({
    ...asked,
    ...(body as object),
  }));
});
afterEach(() => vi.useRealTimers());

const decideDialog = async (decision: string, title: string) => {
  const user = userEvent.setup({ delay: null });
  renderInAudit(<ExtensionsCard />, { me: ada, audit });
  await user.click(await screen.findByRole('button', { name: decision }));
  return { user, dialog: screen.getByRole('dialog', { name: title }) };
};

describe('ExtensionsCard', () => {
  it("shows the API's refusal of a new deadline under that field, in plain words", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/extensions', () => {
      throw new FakeProblem(422, {
        code: 'RULE_VIOLATION',
        detail: 'newDeadline must be later than the deadline in force.',
        errors: [{ field: 'newDeadline', message: 'newDeadline must be later than the deadline in force.' }],
      });
    });
    renderInAudit(<ExtensionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Record a request' }));
    const form = screen.getByRole('form', { name: 'Record an extension request' });
    await user.type(within(form).getByLabelText(/^Asked on/), '2026-05-28');
    await user.type(within(form).getByLabelText(/^New deadline/), '2026-05-30T17:00');
    await user.click(within(form).getByRole('button', { name: 'Record' }));
    const field = within(form).getByLabelText(/^New deadline/);
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription('The new deadline must be later than the deadline now in force'),
    );
    expect(form).not.toHaveTextContent('newDeadline');
  });

  it('offers no day after today in the audit zone as the day asked, and words a refusal of it plainly', async () => {
    const user = userEvent.setup({ delay: null });
    const refusal = 'The day the extension was asked for cannot be in the future.';
    // As if the browser's clock were behind the server's: the API refuses a day the form allowed.
    fakeApi.on('POST /api/audits/{auditId}/extensions', () => {
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        detail: refusal,
        errors: [{ field: 'requestedOn', message: refusal }],
      });
    });
    renderInAudit(<ExtensionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Record a request' }));
    const form = screen.getByRole('form', { name: 'Record an extension request' });
    const asked = within(form).getByLabelText(/^Asked on/);
    expect(asked).toHaveAttribute('max', '2026-05-29');

    await user.type(asked, '2026-05-30');
    await user.type(within(form).getByLabelText(/^New deadline/), '2026-06-30T17:00');
    await user.click(within(form).getByRole('button', { name: 'Record' }));
    expect(asked).toHaveAccessibleDescription('The day the extension was asked for cannot be in the future');
    expect(fakeApi.writes()).toEqual([]);

    await user.clear(asked);
    await user.type(asked, '2026-05-29');
    await user.click(within(form).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    await waitFor(() =>
      expect(asked).toHaveAccessibleDescription('The day the extension was asked for cannot be in the future'),
    );
    expect(form).not.toHaveTextContent('requestedOn');
  });

  // 8 March 2026: New York's clocks go forward from 02:00 EST to 03:00 EDT.
  const SKIPPED =
    'The clocks go forward at this time on Sun, Mar 8, 2026 in America/New York: 2:00–2:59 AM does not happen. Choose 3:00 AM or later.';

  it('says as it is typed that the clocks skip the new deadline, and what to choose instead', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<ExtensionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Record a request' }));
    const form = screen.getByRole('form', { name: 'Record an extension request' });
    const field = within(form).getByLabelText(/^New deadline/);
    await user.type(field, '2026-03-08T02:30');
    expect(field).toHaveAccessibleDescription(SKIPPED);
    expect(field).toBeInvalid();
    await user.type(within(form).getByLabelText(/^Asked on/), '2026-05-28');
    await user.click(within(form).getByRole('button', { name: 'Record' }));
    expect(fakeApi.writes()).toEqual([]);
    await user.clear(field);
    await user.type(field, '2026-03-08T03:00');
    expect(field).not.toHaveAccessibleDescription(SKIPPED);
  });

  it("words the API's refusal of a skipped time as the form does, not as the API writes it", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/extensions', () => {
      const message = 'newDeadline 2026-03-08T02:30 is not a date-time that exists in America/New_York.';
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        detail: message,
        errors: [{ field: 'newDeadline', message }],
      });
    });
    renderInAudit(<ExtensionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Record a request' }));
    const form = screen.getByRole('form', { name: 'Record an extension request' });
    await user.type(within(form).getByLabelText(/^Asked on/), '2026-05-28');
    // A time this browser reads as one that happens (its zone data older than the API's, say).
    await user.type(within(form).getByLabelText(/^New deadline/), '2026-06-30T17:00');
    await user.click(within(form).getByRole('button', { name: 'Record' }));
    const field = within(form).getByLabelText(/^New deadline/);
    await waitFor(() => expect(field).toHaveAccessibleDescription(SKIPPED));
    expect(form).not.toHaveTextContent('newDeadline');
    expect(form).not.toHaveTextContent('is not a date-time');
  });

  it('asks which time is meant when the new deadline happens twice that day, and sends its offset', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/extensions', ({ body }) => ({ ...asked, ...(body as object) }));
    renderInAudit(<ExtensionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Record a request' }));
    const form = screen.getByRole('form', { name: 'Record an extension request' });
    await user.type(within(form).getByLabelText(/^Asked on/), '2026-05-28');
    // 1 November 2026: New York's clocks go back from 02:00 EDT to 01:00 EST.
    await user.type(within(form).getByLabelText(/^New deadline/), '2026-11-01T01:30');
    const choice = within(form).getByRole('radiogroup', { name: /This time happens twice on Sun, Nov 1, 2026/ });
    const first = within(choice).getByRole('radio', { name: '1:30 AM EDT (the first time)' });
    const second = within(choice).getByRole('radio', { name: '1:30 AM EST (the second time, after clocks go back)' });
    expect(first).not.toBeChecked();
    expect(second).not.toBeChecked();

    await user.click(within(form).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(choice).toHaveAccessibleDescription(/Choose which of the two times you mean/));
    expect(fakeApi.writes()).toEqual([]);

    await user.click(second);
    await user.click(within(form).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({ requestedOn: '2026-05-28', newDeadline: '2026-11-01T01:30-05:00' });
  });

  it('confirms a grant, dated today in the audit zone unless another day is chosen, with a note', async () => {
    const { user, dialog } = await decideDialog('Granted', 'Record the extension as granted?');
    expect(dialog).toHaveTextContent('The audit’s deadline moves to the new one');
    expect(fakeApi.writes()).toEqual([]);
    const day = within(dialog).getByLabelText(/Decided on/);
    expect(day).toHaveValue('2026-05-29');
    await user.clear(day);
    await user.type(day, '2026-05-27');
    expect(day).toHaveAccessibleDescription(
      'Asked Tue, May 26, 2026; the day the decision was made or received, if not today',
    );
    await user.type(within(dialog).getByLabelText(/Note on the decision/), 'Agreed on the phone');
    await user.click(within(dialog).getByRole('button', { name: 'Record as granted' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      params: { path: { auditId: audit.id, extensionId: asked.id } },
      body: { status: 'GRANTED', decidedOn: '2026-05-27', note: 'Agreed on the phone' },
    });
  });

  it('shows the note on the request beside the note on the decision, and says where a grant moved the deadline', async () => {
    fakeApi.on('GET /api/audits/{auditId}/extensions', () =>
      page([
        {
          ...asked,
          status: 'GRANTED',
          note: 'Asked Spiro by email for 3 more weeks.',
          decisionNote: 'Spiro agreed by email.',
          decidedOn: '2026-05-27',
          previousDeadline: '2026-05-31T21:00:00.000Z',
        },
      ]),
    );
    renderInAudit(<ExtensionsCard />, { me: ada, audit });
    const card = await screen.findByRole('region', { name: 'Extensions' });
    await waitFor(() => expect(card).toHaveTextContent('Note on the request: Asked Spiro by email for 3 more weeks.'));
    expect(card).toHaveTextContent('Note on the decision: Spiro agreed by email.');
    expect(card).toHaveTextContent('Asked Tue, May 26, 2026, granted Wed, May 27, 2026');
    expect(card).toHaveTextContent(/Moved the deadline from May 31, 2026, 5:00 PM EDT to Jun 21, 2026, 5:00 PM EDT\./);
    expect(card).not.toHaveTextContent('replaced');
  });

  it('refuses a decision dated in the future or before the request, saying why', async () => {
    const { user, dialog } = await decideDialog('Denied', 'Record the extension as denied?');
    const day = within(dialog).getByLabelText(/Decided on/);
    const confirm = within(dialog).getByRole('button', { name: 'Record as denied' });
    await user.clear(day);
    await user.type(day, '2026-05-30');
    expect(dialog).toHaveTextContent('This day is still to come: enter today or an earlier day');
    expect(confirm).toBeDisabled();
    await user.clear(day);
    await user.type(day, '2026-05-25');
    expect(dialog).toHaveTextContent('The decision cannot be dated before the extension was asked for');
    expect(confirm).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fakeApi.writes()).toEqual([]);
  });
});
