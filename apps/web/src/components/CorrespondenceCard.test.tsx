import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Correspondence } from '../api/queries';
import { fakeApi, FakeProblem, page, paged } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { CorrespondenceCard } from './CorrespondenceCard';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));
const upload = vi.hoisted(() => ({ uploadCorrespondenceAttachment: vi.fn() }));
vi.mock('../api/upload', () => upload);

const audit = auditFixture();
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const REQUEST_2 = 'r0000000-0000-4000-8000-000000000002';

const letter: Correspondence = {
  id: 'c1',
  occurredAt: '2026-05-01T16:00:00.000Z',
  occurredAtLocal: '2026-05-01T12:00:00.000-04:00',
  timeZone: 'America/New_York',
  direction: 'RECEIVED',
  channel: 'LETTER',
  from: 'Grace Hopper, Hopper LLP for Oracle America, Inc.',
  to: 'Acme Corp.',
  subject: 'Demand letter of 1 May 2026',
  summary: null,
  requests: [],
  extension: null,
  demandLetter: true,
  attachments: [
    {
      id: 'd1',
      title: 'Demand letter',
      file: {
        id: 'v1',
        number: 1,
        fileName: 'demand-letter.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 32_050,
        sha256: SHA,
        uploadedBy: { id: ada.id, name: ada.name },
        uploadedAt: '2026-05-04T09:30:00.000Z',
        lastVerification: null,
        lastVerifiedAt: null,
        integrityAlert: false,
      },
      downloadUrl: `/api/audits/${audit.id}/correspondence/c1/attachments/d1/content`,
    },
  ],
  version: 1,
  createdBy: { id: ada.id, name: ada.name },
  createdAt: '2026-05-04T09:30:00.000Z',
  updatedAt: '2026-05-04T09:30:00.000Z',
};

const call: Correspondence = {
  ...letter,
  id: 'c2',
  occurredAt: '2026-05-12T13:30:00.000Z',
  occurredAtLocal: '2026-05-12T14:30:00.000+01:00',
  timeZone: 'Europe/London',
  direction: 'SENT',
  channel: 'CALL',
  from: 'Ada Lovelace',
  to: 'Grace Hopper',
  subject: 'Scope of request 2',
  summary: 'Proposed narrowing the period to 2025.',
  requests: [{ id: REQUEST_2, ordinal: 2, title: 'Deployments' }],
  demandLetter: false,
  attachments: [],
  version: 3,
};

beforeEach(() => {
  fakeApi.reset();
  upload.uploadCorrespondenceAttachment.mockReset();
  fakeApi.on('GET /api/audits/{auditId}/correspondence', paged([call, letter]));
  fakeApi.on('GET /api/audits/{auditId}/requests', () =>
    page([{ id: REQUEST_2, ordinal: 2, title: 'Deployments', text: 'Every deployment.' }]),
  );
  fakeApi.on('GET /api/audits/{auditId}/extensions', () => page([]));
});

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

describe('CorrespondenceCard', () => {
  it('shows the log newest first, at times in the user’s zone, with the zone stated and the files to download', async () => {
    renderInAudit(<CorrespondenceCard />, { me: ada, audit });
    const log = await screen.findByRole('list', { name: 'Correspondence, newest first' });
    const entries = within(log).getAllByRole('listitem', { name: /.+/ });
    expect(entries.map((e) => within(e).getByRole('heading').textContent)).toEqual([
      'Scope of request 2',
      'Demand letter of 1 May 2026',
    ]);
  });

  it('searches and filters the log, and exports what is shown', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<CorrespondenceCard />, { me: ada, audit });
    await screen.findByRole('list', { name: 'Correspondence, newest first' });
    await user.type(screen.getByRole('textbox', { name: 'Search' }), 'scope');
    // The log's latest read (another read, e.g. the session's, may come after it).
    await waitFor(() =>
      expect(fakeApi.calls.filter((c) => c.path === '/api/audits/{auditId}/correspondence').at(-1)).toMatchObject({
        params: { query: { q: 'scope', page: 1 } },
      }),
    );
    expect(screen.getByRole('link', { name: 'CSV: download the correspondence' })).toHaveAttribute(
      'href',
      `/api/audits/${audit.id}/correspondence/export.csv?q=scope`,
    );
    expect(screen.getByRole('link', { name: 'Excel: download the correspondence' })).toHaveAttribute(
      'href',
      `/api/audits/${audit.id}/correspondence/export.xlsx?q=scope`,
    );
    expect(screen.getByRole('link', { name: 'PDF: download the correspondence' })).toHaveAttribute(
      'href',
      `/api/audits/${audit.id}/correspondence/export.pdf?q=scope`,
    );
  });

  it(
    'logs an entry from the dialog, and shows the API’s refusal on the field it names',
    { timeout: 90_000 },
    async () => {
      const user = userEvent.setup({ delay: null });
      let attempts = 0;
      fakeApi.on('POST /api/audits/{auditId}/correspondence', ({ body }) => {
        attempts += 1;
        if (attempts === 1)
          throw new FakeProblem(400, {
            code: 'VALIDATION_FAILED',
            detail: 'occurredAt is not a date-time that exists in Europe/London.',
            errors: [{ field: 'occurredAt', message: 'occurredAt is not a date-time that exists in Europe/London.' }],
          });
        return { ...call, ...(body as object), id: 'c3' };
      });
      renderInAudit(<CorrespondenceCard />, { me: ada, audit });
      await user.click(await screen.findByRole('button', { name: 'Log correspondence' }));
      const dialog = screen.getByRole('dialog', { name: 'Log correspondence' });
      // Nothing goes out while a required field is empty.
      await user.click(within(dialog).getByRole('button', { name: 'Log' }));
      expect(within(dialog).getByText('Enter a subject')).toBeInTheDocument();
      expect(fakeApi.writes()).toEqual([]);

      fireEvent.change(within(dialog).getByLabelText(/^Date and time/), { target: { value: '2026-05-20T09:15' } });
      await user.click(within(dialog).getByRole('combobox', { name: /^Direction/ }));
      await user.click(screen.getByRole('option', { name: 'Sent' }));
      await user.click(within(dialog).getByRole('combobox', { name: /^Channel/ }));
      await user.click(screen.getByRole('option', { name: 'Email' }));
      await user.click(within(dialog).getByRole('textbox', { name: /^From/ }));
      await user.paste('Ada Lovelace');
      await user.click(within(dialog).getByRole('textbox', { name: /^To/ }));
      await user.paste('Grace Hopper');
      await user.click(within(dialog).getByRole('textbox', { name: /^Subject/ }));
      await user.paste('Extension of time');
      await user.click(within(dialog).getByRole('textbox', { name: /^Summary/ }));
      await user.paste('Asked for two more weeks.');
      await user.click(within(dialog).getByRole('button', { name: 'Log' }));
      expect(await within(dialog).findByText(/do not exist in the chosen time zone/)).toBeInTheDocument();

      await user.click(within(dialog).getByRole('button', { name: 'Log' }));
      await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Log correspondence' })).toBeNull());
      expect(fakeApi.writes()).toHaveLength(2);
      expect(fakeApi.writes()[1]).toMatchObject({
        method: 'POST',
        body: {
          occurredAt: '2026-05-20T09:15',
          timeZone: 'Europe/London',
          direction: 'SENT',
          channel: 'EMAIL',
          from: 'Ada Lovelace',
          to: 'Grace Hopper',
          subject: 'Extension of time',
          summary: 'Asked for two more weeks.',
          requestIds: [],
          extensionId: null,
        },
      });
    },
  );

  // Opening the dialog and axe over it take long on a loaded machine.
  it(
    'edits an entry on top of the version it was read at, in the zone it was stated in',
    { timeout: 90_000 },
    async () => {
      const user = userEvent.setup({ delay: null });
      fakeApi.on('PUT /api/audits/{auditId}/correspondence/{correspondenceId}', ({ body }) => ({
        ...letter,
        ...(body as object),
      }));
      renderInAudit(<CorrespondenceCard />, { me: ada, audit });
      await user.click(await screen.findByRole('button', { name: 'Edit Demand letter of 1 May 2026' }));
      const dialog = screen.getByRole('dialog', { name: 'Edit correspondence' });
      expect(within(dialog).getByLabelText(/^Date and time/)).toHaveValue('2026-05-01T12:00');
      expect(await axeViolations()).toEqual([]);
      await user.click(within(dialog).getByRole('textbox', { name: /^Summary/ }));
      await user.paste('Sent by email and post.');
      await user.click(within(dialog).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
      expect(fakeApi.writes()[0]).toMatchObject({
        method: 'PUT',
        params: { path: { correspondenceId: 'c1' } },
        body: {
          version: 1,
          timeZone: 'America/New_York',
          occurredAt: '2026-05-01T12:00',
          summary: 'Sent by email and post.',
        },
      });
    },
  );

  it('attaches the files chosen, one upload each', async () => {
    const user = userEvent.setup({ delay: null });
    upload.uploadCorrespondenceAttachment.mockResolvedValue(call);
    renderInAudit(<CorrespondenceCard />, { me: ada, audit });
    const files = [
      new File(['a'], 'minutes.pdf', { type: 'application/pdf' }),
      new File(['b'], 'email.eml', { type: 'message/rfc822' }),
    ];
    const entry = await screen.findByRole('listitem', { name: 'Scope of request 2' });
    // Mantine's FileButton puts a hidden file input beside its button.
    const input = entry.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, files);
    await waitFor(() => expect(upload.uploadCorrespondenceAttachment).toHaveBeenCalledTimes(2));
    expect(upload.uploadCorrespondenceAttachment.mock.calls.map(([u]) => [u.entryId, u.file.name])).toEqual([
      ['c2', 'minutes.pdf'],
      ['c2', 'email.eml'],
    ]);
  });

  it('deletes only after confirmation, and shows a refusal under legal hold', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('DELETE /api/audits/{auditId}/correspondence/{correspondenceId}', () => {
      throw new FakeProblem(409, {
        code: 'CONFLICT',
        detail: 'The audit is under legal hold: nothing may be deleted.',
      });
    });
    renderInAudit(<CorrespondenceCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Delete Demand letter of 1 May 2026' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Demand letter of 1 May 2026”?' });
    expect(dialog).toHaveTextContent("its file leaves the audit's documents");
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Delete entry' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('under legal hold');
    expect(fakeApi.writes()).toMatchObject([{ method: 'DELETE', params: { path: { correspondenceId: 'c1' } } }]);
  });

  it('removes one file only after confirmation, on the version shown, and shows a refusal', async () => {
    const user = userEvent.setup({ delay: null });
    let refuse = true;
    fakeApi.on('DELETE /api/audits/{auditId}/correspondence/{correspondenceId}/attachments/{attachmentId}', () => {
      if (refuse)
        throw new FakeProblem(409, {
          code: 'CONFLICT',
          detail: 'The audit is under legal hold since 2026-05-20: this attachment cannot be deleted.',
        });
      return { ...letter, attachments: [], version: 2 };
    });
    renderInAudit(<CorrespondenceCard />, { me: ada, audit });
    await user.click(
      await screen.findByRole('button', { name: 'Remove Demand letter from Demand letter of 1 May 2026' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Remove “Demand letter”?' });
    expect(dialog).toHaveTextContent("The file leaves this entry and the audit's documents");
    expect(fakeApi.writes()).toEqual([]);
    expect(await axeViolations()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Remove file' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('under legal hold');

    refuse = false;
    await user.click(within(dialog).getByRole('button', { name: 'Remove file' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Remove “Demand letter”?' })).toBeNull());
    expect(fakeApi.writes()).toMatchObject([
      {
        method: 'DELETE',
        params: { path: { correspondenceId: 'c1', attachmentId: 'd1' }, query: { version: 1 } },
      },
      {
        method: 'DELETE',
        params: { path: { correspondenceId: 'c1', attachmentId: 'd1' }, query: { version: 1 } },
      },
    ]);
  });

  it('offers contributors the log, the files and the exports only', async () => {
    renderInAudit(<CorrespondenceCard />, { me: ada, audit: auditFixture({ myRole: 'CONTRIBUTOR' }) });
    await screen.findByRole('list', { name: 'Correspondence, newest first' });
    expect(screen.queryByRole('button', { name: 'Log correspondence' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Edit|Delete|Attach|Remove)/ })).toBeNull();
    // Each link's visible label starts its name (WCAG 2.5.3, label in name).
    expect(screen.getByRole('link', { name: 'Demand letter: download demand-letter.pdf' })).toHaveTextContent(
      'Demand letter',
    );
    expect(screen.getByRole('link', { name: 'CSV: download the correspondence' })).toHaveTextContent('CSV');
  });
});
