import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceDocument } from '../api/client';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { DocumentsCard } from './DocumentsCard';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));
const upload = vi.hoisted(() => ({ uploadSourceDocument: vi.fn() }));
vi.mock('../api/upload', () => upload);

const audit = auditFixture();
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const letter: SourceDocument = {
  id: 'd1',
  kind: 'DEMAND_LETTER',
  title: 'Demand letter of 1 May 2026',
  description: null,
  documentDate: '2026-05-01',
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
  downloadUrl: `/api/audits/${audit.id}/documents/d1/content`,
  createdBy: { id: ada.id, name: ada.name },
  createdAt: '2026-05-04T09:30:00.000Z',
};

beforeEach(() => {
  fakeApi.reset();
  upload.uploadSourceDocument.mockReset();
  fakeApi.on('GET /api/audits/{auditId}/documents', () => [letter]);
});

describe('DocumentsCard', () => {
  it('lists a document: kind, file, size, short SHA-256 with the whole one on hover, uploader and time in the user’s zone, download', async () => {
    renderInAudit(<DocumentsCard />, { me: ada, audit });
    const row = await screen.findByRole('row', { name: /Demand letter of 1 May 2026/ });
    expect(row).toHaveTextContent('Demand letter');
    expect(row).toHaveTextContent('demand-letter.pdf');
    expect(row).toHaveTextContent('31.3 KB');
    expect(within(row).getByText(`${SHA.slice(0, 12)}…`)).toHaveAttribute('title', SHA);
    // 09:30 UTC is 10:30 in London in May.
    expect(row).toHaveTextContent('May 4, 2026, 10:30 AM GMT+1');
    expect(within(row).getByRole('link', { name: 'Download demand-letter.pdf' })).toHaveAttribute(
      'href',
      letter.downloadUrl,
    );
  });

  it('copies the whole SHA-256', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<DocumentsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Copy the SHA-256 of demand-letter.pdf' }));
    expect(await navigator.clipboard.readText()).toBe(SHA);
  });

  it('uploads a file with its kind, title and date', async () => {
    const user = userEvent.setup({ delay: null });
    upload.uploadSourceDocument.mockResolvedValue({ ...letter, id: 'd2', kind: 'AGREEMENT', title: 'MLA' });
    renderInAudit(<DocumentsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Add document' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a document' });
    const file = new File(['%PDF-1.7 agreement'], 'master-licence-agreement.pdf', { type: 'application/pdf' });
    await user.upload(within(dialog).getByLabelText(/^File/), file);
    // The file name is the first guess at a title.
    expect(within(dialog).getByRole('textbox', { name: /^Title/ })).toHaveValue('master-licence-agreement.pdf');
    await user.clear(within(dialog).getByRole('textbox', { name: /^Title/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Master Licence Agreement');
    await user.click(within(dialog).getByRole('combobox', { name: /^Kind/ }));
    await user.click(screen.getByRole('option', { name: 'Agreement' }));
    await user.type(within(dialog).getByLabelText(/^Document dated/), '2020-03-10');
    await user.click(within(dialog).getByRole('button', { name: 'Add document' }));
    await waitFor(() => expect(upload.uploadSourceDocument).toHaveBeenCalledTimes(1));
    expect(upload.uploadSourceDocument).toHaveBeenCalledWith(
      expect.objectContaining({
        auditId: audit.id,
        file,
        kind: 'AGREEMENT',
        title: 'Master Licence Agreement',
        documentDate: '2020-03-10',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add a document' })).toBeNull());
  });

  it('removes a document only after confirmation, and shows a refusal under legal hold', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('DELETE /api/audits/{auditId}/documents/{documentId}', () => {
      throw new FakeProblem(409, {
        code: 'LEGAL_HOLD',
        detail: 'The audit is under legal hold: nothing may be deleted.',
      });
    });
    renderInAudit(<DocumentsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Remove Demand letter of 1 May 2026' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Demand letter of 1 May 2026?' });
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Remove document' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('under legal hold');
    expect(fakeApi.writes()).toMatchObject([{ method: 'DELETE', params: { path: { documentId: 'd1' } } }]);
  });

  it('offers contributors the list and downloads only', async () => {
    renderInAudit(<DocumentsCard />, { me: ada, audit: auditFixture({ myRole: 'CONTRIBUTOR' }) });
    await screen.findByRole('row', { name: /Demand letter of 1 May 2026/ });
    expect(screen.queryByRole('button', { name: 'Add document' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Download demand-letter.pdf' })).toBeInTheDocument();
  });
});
