import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, page, paged } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { CopyAuditModal } from './CopyAuditModal';
import { CorrespondenceCard } from './CorrespondenceCard';
import { CreateAuditModal } from './CreateAuditModal';
import { EditDemandModal } from './EditDemandModal';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

// 25 October 2026: London's clocks go back from 02:00 BST to 01:00 GMT, so 01:30 comes twice.
// 1 November 2026: New York's go back from 02:00 EDT to 01:00 EST.
const audit = auditFixture();
beforeEach(() => fakeApi.reset());

const deadlineTime = () => screen.getByLabelText(/^Deadline time(?! zone)/);
const choiceOf = (name: RegExp) => screen.queryByRole('radiogroup', { name });

describe('a deadline whose time happens twice that day', () => {
  it('new audit: offers both readings, insists on one, and sends the offset of the one chosen', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits', ({ body }) => ({ ...audit, ...(body as object) }));
    // Ada's zone, the new audit's deadline zone unless changed, is Europe/London.
    renderInAudit(<CreateAuditModal opened onClose={() => {}} />, { me: ada, audit });
    await user.type(screen.getByLabelText(/^Title/), 'Database licence audit');
    await user.type(screen.getByLabelText(/^Reference/), 'ORCL-ACME-2026');
    await user.type(screen.getByLabelText(/^Demanding party/), 'Oracle America, Inc.');
    await user.type(screen.getByLabelText(/^Responding party/), 'Acme Corp.');
    await user.type(screen.getByLabelText(/^Agreement \*/), 'Master Licence Agreement');
    await user.type(screen.getByLabelText(/^Received on/), '2026-10-01');
    await user.type(screen.getByLabelText(/^Deadline date/), '2026-10-25');
    expect(choiceOf(/happens twice/)).not.toBeInTheDocument();

    await user.clear(deadlineTime());
    await user.type(deadlineTime(), '01:30');
    const choice = choiceOf(/This time happens twice on Sun, Oct 25, 2026/)!;
    expect(choice).toBeInTheDocument();
    const first = within(choice).getByRole('radio', { name: '1:30 AM GMT+1 (the first time)' });
    const second = within(choice).getByRole('radio', { name: '1:30 AM GMT (the second time, after clocks go back)' });
    expect(first).not.toBeChecked();
    expect(second).not.toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Open audit' }));
    await waitFor(() => expect(choice).toHaveAccessibleDescription(/Choose which of the two times you mean/));
    expect(fakeApi.writes()).toEqual([]);

    await user.click(second);
    await user.click(screen.getByRole('button', { name: 'Open audit' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toMatchObject({
      responseDeadline: '2026-10-25T01:30+00:00',
      deadlineTimeZone: 'Europe/London',
    });
  });

  it('new audit: the choice goes away once the time is one that happens once', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<CreateAuditModal opened onClose={() => {}} />, { me: ada, audit });
    await user.type(screen.getByLabelText(/^Deadline date/), '2026-10-25');
    await user.clear(deadlineTime());
    await user.type(deadlineTime(), '01:30');
    expect(choiceOf(/happens twice/)).toBeInTheDocument();
    await user.clear(deadlineTime());
    await user.type(deadlineTime(), '02:30');
    expect(choiceOf(/happens twice/)).not.toBeInTheDocument();
  });

  describe('edit demand, the reading stored being the second', () => {
    const stored = {
      ...audit,
      responseDeadline: '2026-11-01T06:30:00.000Z',
      responseDeadlineLocal: '2026-11-01T01:30:00.000-05:00',
      deadlineTimeZone: 'America/New_York',
    };
    const openEditor = () => {
      fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...stored, ...(body as object) }));
      renderInAudit(<EditDemandModal audit={stored} opened onClose={() => {}} />, { me: ada, audit: stored });
      return choiceOf(/This time happens twice on Sun, Nov 1, 2026/)!;
    };

    it('shows it chosen, and sends no deadline while it stands', async () => {
      const user = userEvent.setup({ delay: null });
      const choice = openEditor();
      expect(within(choice).getByRole('radio', { name: /1:30 AM EST \(the second time/ })).toBeChecked();
      await user.type(screen.getByLabelText(/^Notes/), 'Agreed by phone.');
      await user.click(screen.getByRole('button', { name: 'Save demand' }));
      await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
      expect(fakeApi.writes()[0].body).toEqual({ notes: 'Agreed by phone.' });
    });

    it('sends the deadline with the offset of the other reading once it is chosen', async () => {
      const user = userEvent.setup({ delay: null });
      const choice = openEditor();
      await user.click(within(choice).getByRole('radio', { name: '1:30 AM EDT (the first time)' }));
      await user.click(screen.getByRole('button', { name: 'Save demand' }));
      await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
      expect(fakeApi.writes()[0].body).toEqual({ responseDeadline: '2026-11-01T01:30-04:00' });
    });
  });

  it('copy: asks too, and the copy goes with the offset chosen', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/copy', ({ body }) => ({ ...audit, ...(body as object) }));
    renderInAudit(<CopyAuditModal audit={audit} opened onClose={() => {}} />, { me: ada, audit });
    await user.type(screen.getByLabelText(/^Reference/), 'ACME-2026-02');
    await user.type(screen.getByLabelText(/^Received on/), '2026-10-01');
    await user.type(screen.getByLabelText(/^Deadline date/), '2026-11-01');
    await user.clear(deadlineTime());
    await user.type(deadlineTime(), '01:30');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const choice = choiceOf(/This time happens twice on Sun, Nov 1, 2026/)!;
    await waitFor(() => expect(choice).toHaveAccessibleDescription(/Choose which of the two times you mean/));
    expect(screen.queryByRole('dialog', { name: /^Copy .* as/ })).not.toBeInTheDocument();

    await user.click(within(choice).getByRole('radio', { name: '1:30 AM EDT (the first time)' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const confirm = await screen.findByRole('dialog', { name: /^Copy .* as ACME-2026-02\?/ });
    await user.click(within(confirm).getByRole('button', { name: 'Copy audit' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toMatchObject({
      referenceCode: 'ACME-2026-02',
      responseDeadline: '2026-11-01T01:30-04:00',
      deadlineTimeZone: 'America/New_York',
    });
  });

  it(
    'correspondence: a time stated in the repeated hour is logged with the offset chosen',
    { timeout: 90_000 },
    async () => {
      const user = userEvent.setup({ delay: null });
      fakeApi.on('GET /api/audits/{auditId}/correspondence', paged([]));
      fakeApi.on('GET /api/audits/{auditId}/requests', () => page([]));
      fakeApi.on('GET /api/audits/{auditId}/extensions', () => page([]));
      fakeApi.on('POST /api/audits/{auditId}/correspondence', ({ body }) => ({ id: 'c1', ...(body as object) }));
      renderInAudit(<CorrespondenceCard />, { me: ada, audit });
      await user.click(await screen.findByRole('button', { name: 'Log correspondence' }));
      const dialog = screen.getByRole('dialog', { name: 'Log correspondence' });
      // Stated in Ada's zone, Europe/London.
      fireEvent.change(within(dialog).getByLabelText(/^Date and time/), { target: { value: '2026-10-25T01:30' } });
      for (const [name, text] of [
        [/^From/, 'Ada Lovelace'],
        [/^To/, 'Grace Hopper'],
        [/^Subject/, 'Call on scope'],
      ] as const) {
        await user.click(within(dialog).getByRole('textbox', { name }));
        await user.paste(text);
      }
      await user.click(within(dialog).getByRole('button', { name: 'Log' }));
      const choice = within(dialog).getByRole('radiogroup', { name: /happens twice on Sun, Oct 25, 2026/ });
      await waitFor(() => expect(choice).toHaveAccessibleDescription(/Choose which of the two times you mean/));
      expect(fakeApi.writes()).toEqual([]);

      await user.click(within(choice).getByRole('radio', { name: '1:30 AM GMT+1 (the first time)' }));
      await user.click(within(dialog).getByRole('button', { name: 'Log' }));
      await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
      const body = fakeApi.writes()[0].body as Record<string, unknown>;
      expect(body).toMatchObject({ occurredAt: '2026-10-25T01:30+01:00', timeZone: 'Europe/London' });
      expect(body).not.toHaveProperty('occurredAtChoice');
    },
  );
});
