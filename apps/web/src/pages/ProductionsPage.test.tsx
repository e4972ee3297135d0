import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrivilegeLogEntry, ProductionDetail, ProductionDocument, ReleasableVersion } from '../api/queries';
import { fakeApi, FakeProblem, paged } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { ProductionsPage } from './ProductionsPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ referenceCode: 'MSFT-TWTR' });
const lena = { id: 'u-lena', name: 'Lena Lead' };
const SHA = 'a'.repeat(64);

const volume = (extra: Partial<ProductionDetail>): ProductionDetail => ({
  id: 'p1',
  name: 'MSFT-TWTR-VOL001',
  batesPrefix: 'MSFT-TWTR-',
  startNumber: 1,
  padWidth: 6,
  recipient: 'Grace Hopper, Hopper LLP',
  productionDate: '2026-05-20',
  deliveryMethod: 'Secure file transfer',
  status: 'PRODUCED',
  progress: 100,
  error: null,
  documentCount: 4,
  firstBates: 'MSFT-TWTR-000001',
  lastBates: 'MSFT-TWTR-000005',
  lastNumber: 5,
  pageCount: 5,
  zipSha256: SHA,
  zipSizeBytes: 52_224,
  producedAt: '2026-05-20T14:05:00.000Z',
  producedBy: lena,
  lastVerifiedAt: null,
  lastVerification: null,
  downloadUrl: `/api/audits/${audit.id}/productions/p1/volume`,
  createdBy: lena,
  createdAt: '2026-05-20T13:30:00.000Z',
  releases: [],
  documents: [],
  ...extra,
});

const produced = volume({});
const draft = volume({
  id: 'p2',
  name: 'MSFT-TWTR-VOL002',
  status: 'DRAFT',
  progress: 0,
  documentCount: 2,
  firstBates: null,
  lastBates: null,
  lastNumber: null,
  pageCount: null,
  zipSha256: null,
  zipSizeBytes: null,
  producedAt: null,
  producedBy: null,
  downloadUrl: null,
  createdAt: '2026-05-21T08:00:00.000Z',
});

/** A document of a volume as the API lists it: a version 1 PDF, not yet numbered nor produced, unless said otherwise. */
const doc = (extra: Partial<ProductionDocument> & Pick<ProductionDocument, 'id' | 'fileName'>): ProductionDocument => ({
  evidenceVersionId: `v-${extra.id}`,
  evidenceId: `e-${extra.id}`,
  title: extra.fileName,
  versionNumber: 1,
  mediaType: 'application/pdf',
  designation: 'CONFIDENTIAL',
  begBates: null,
  endBates: null,
  pageCount: null,
  originalSha256: SHA,
  producedSha256: null,
  redactionCount: 0,
  privilegeRedacted: false,
  privilegeLogMissing: false,
  ...extra,
});

const releasable = (id: string, fileName: string, mediaType: string): ReleasableVersion => ({
  evidenceVersionId: id,
  evidenceId: `e-${id}`,
  title: `Evidence ${fileName}`,
  versionNumber: 1,
  current: true,
  fileName,
  mediaType,
  sizeBytes: 1000,
  sha256: SHA,
  custodian: null,
  productions: [],
});

const entry: PrivilegeLogEntry = {
  id: 'l1',
  number: 1,
  document: null,
  categorical: false,
  documentDate: '2023-03-14',
  documentType: 'Email',
  author: 'Dana Counsel',
  recipientsTo: ['Sam Licensing'],
  recipientsCc: ['Legal team'],
  description: 'Email seeking legal advice on licence counting',
  privilege: 'ATTORNEY_CLIENT',
  privilegeOther: null,
  treatment: 'WITHHELD',
  batesBegin: null,
  batesEnd: null,
  requests: [{ id: 'r3', ordinal: 3, title: 'Deployment records' }],
  documentCount: null,
  dateFrom: null,
  dateTo: null,
  createdAt: '2026-05-20T10:00:00.000Z',
  updatedAt: '2026-05-20T10:00:00.000Z',
};

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/productions', () => ({ items: [produced, draft] }));
  fakeApi.on('GET /api/audits/{auditId}/production-designations', () => ({
    labels: ['CONFIDENTIAL', 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY'],
  }));
  fakeApi.on('GET /api/audits/{auditId}/privilege-log', () => ({ items: [entry] }));
  fakeApi.on('GET /api/audits/{auditId}/releasable-evidence', () => ({
    items: [
      releasable('v1', 'register.pdf', 'application/pdf'),
      releasable('v2', 'keys.csv', 'text/csv'),
      releasable('v3', 'dashboard.png', 'image/png'),
    ],
  }));
  fakeApi.on('GET /api/audits/{auditId}/requests', () => ({
    items: [{ id: 'r3', ordinal: 3, title: 'Deployment records' }],
    page: 1,
    pageSize: 500,
    total: 1,
  }));
});

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

describe('the production log', () => {
  it('lists each volume: status, Bates range, documents, who created it and when in the user’s zone, the ZIP', async () => {
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    const row = await screen.findByRole('row', { name: /MSFT-TWTR-VOL001/ });
    expect(row).toHaveTextContent('Produced');
    expect(row).toHaveTextContent('MSFT-TWTR-000001 – MSFT-TWTR-000005');
    expect(row).toHaveTextContent('4 documents');
    expect(row).toHaveTextContent('5 pages');
    // Each date says what it is: the production's date to the other side, and when its files were built.
    expect(row).toHaveTextContent(
      'To Grace Hopper, Hopper LLP · production date Wed, May 20, 2026 · Secure file transfer',
    );
    expect(row).toHaveTextContent('Files built May 20, 2026, 3:05 PM GMT+1 by Lena Lead');
    expect(row).toHaveTextContent('Lena Lead');
    // 13:30 UTC is 14:30 in London in May.
    expect(row).toHaveTextContent('May 20, 2026, 2:30 PM GMT+1');
    expect(within(row).getByRole('link', { name: 'Download volume MSFT-TWTR-VOL001 (ZIP)' })).toHaveAttribute(
      'href',
      produced.downloadUrl,
    );
    const draftRow = screen.getByRole('row', { name: /MSFT-TWTR-VOL002/ });
    expect(draftRow).toHaveTextContent('Draft');
    expect(draftRow).toHaveTextContent('Given when produced');
    expect(within(draftRow).queryByRole('link', { name: /Download/ })).toBeNull();
    await screen.findByRole('row', { name: /Email seeking legal advice/ });
    expect(await axeViolations()).toEqual([]);
  });

  it('creates a volume from approved evidence, stating the Bates numbers it will take before producing it', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/productions', () =>
      volume({ ...draft, id: 'p3', name: 'MSFT-TWTR-VOL003' }),
    );
    fakeApi.on('POST /api/audits/{auditId}/productions/{productionId}/documents', () => draft);
    fakeApi.on('POST /api/audits/{auditId}/productions/{productionId}/produce', () => draft);
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'New volume' }));
    const dialog = screen.getByRole('dialog', { name: 'New production volume' });
    const name = within(dialog).getByRole('textbox', { name: /^Volume name/ });
    await user.clear(name);
    await user.type(name, 'MSFT-TWTR-VOL003');
    expect(within(dialog).getByRole('textbox', { name: /^Bates prefix/ })).toHaveValue('MSFT-TWTR-');
    await user.click(await within(dialog).findByRole('checkbox', { name: /Produce Evidence register\.pdf/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Produce Evidence keys\.csv/ }));
    await user.click(within(dialog).getByRole('combobox', { name: /Designation of Evidence keys\.csv/ }));
    await user.click(screen.getByRole('option', { name: 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY' }));
    expect(await axeViolations()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Review volume' }));

    // Volume 1 ended at 5: the new one continues at 6, one number per page.
    expect(dialog).toHaveTextContent('2 documents (1 PDF, 1 other file with a slip sheet each)');
    expect(dialog).toHaveTextContent(
      'It will take Bates numbers from MSFT-TWTR-000006, one per page, so at least up to MSFT-TWTR-000007',
    );
    expect(dialog).toHaveTextContent('it cannot be undone');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Produce volume' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(4));
    expect(fakeApi.writes()).toMatchObject([
      {
        method: 'POST',
        path: '/api/audits/{auditId}/productions',
        body: { name: 'MSFT-TWTR-VOL003', batesPrefix: 'MSFT-TWTR-', startNumber: 1, padWidth: 6 },
      },
      {
        path: '/api/audits/{auditId}/productions/{productionId}/documents',
        body: { evidenceVersionId: 'v1', designation: 'CONFIDENTIAL' },
      },
      {
        path: '/api/audits/{auditId}/productions/{productionId}/documents',
        body: { evidenceVersionId: 'v2', designation: 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY' },
      },
      { path: '/api/audits/{auditId}/productions/{productionId}/produce', params: { path: { productionId: 'p3' } } },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New production volume' })).toBeNull());
  });

  it('states an exact range when no PDF is chosen, and says what was kept when a document is refused', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/productions', () => volume({ ...draft, id: 'p3', name: 'ACME-VOL001' }));
    fakeApi.on('POST /api/audits/{auditId}/productions/{productionId}/documents', () => {
      throw new FakeProblem(409, {
        code: 'CONFLICT',
        detail: '"keys.csv" is logged as withheld on the privilege log, so it cannot be produced.',
      });
    });
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'New volume' }));
    const dialog = screen.getByRole('dialog', { name: 'New production volume' });
    const prefix = within(dialog).getByRole('textbox', { name: /^Bates prefix/ });
    await user.clear(prefix);
    await user.type(prefix, 'acme-');
    const first = within(dialog).getByRole('textbox', { name: /^First number/ });
    await user.clear(first);
    await user.type(first, '100');
    await user.click(await within(dialog).findByRole('checkbox', { name: /Produce Evidence keys\.csv/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Produce Evidence dashboard\.png/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Review volume' }));
    // A new prefix starts at the first number given.
    expect(dialog).toHaveTextContent(
      'It will take Bates numbers ACME-000100 to ACME-000101: one number for each of its 2 files.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save as draft' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Draft ACME-VOL001 was saved, but not finished: "keys.csv" is logged as withheld',
    );
    expect(fakeApi.writes().map((w) => w.path)).toEqual([
      '/api/audits/{auditId}/productions',
      '/api/audits/{auditId}/productions/{productionId}/documents',
    ]);
    expect(fakeApi.writes()[0].body).toMatchObject({ batesPrefix: 'ACME-', startNumber: 100 });
  });

  it('names what is missing before the review, and puts the API’s refusal of a field on that field', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/productions', () => {
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        detail: 'The request is not valid.',
        errors: [{ field: 'batesPrefix', message: 'batesPrefix must use capital letters, digits, - and _' }],
      });
    });
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'New volume' }));
    const dialog = screen.getByRole('dialog', { name: 'New production volume' });
    await user.clear(within(dialog).getByRole('textbox', { name: /^Volume name/ }));
    await user.clear(within(dialog).getByRole('textbox', { name: /^Digits/ }));
    await user.click(await within(dialog).findByRole('checkbox', { name: /Produce Evidence keys\.csv/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Review volume' }));
    expect(within(dialog).getByRole('textbox', { name: /^Volume name/ })).toHaveAccessibleDescription(
      /Enter a name for the volume/,
    );
    expect(within(dialog).getByRole('textbox', { name: /^Digits/ })).toHaveAccessibleDescription(
      /Enter 3 to 10 digits/,
    );
    expect(dialog).not.toHaveTextContent('It will take Bates numbers');

    await user.type(within(dialog).getByRole('textbox', { name: /^Volume name/ }), 'VOL9');
    await user.clear(within(dialog).getByRole('textbox', { name: /^Digits/ }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Digits/ }), '6');
    await user.click(within(dialog).getByRole('button', { name: 'Review volume' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save as draft' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Nothing was created');
    await user.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(within(dialog).getByRole('textbox', { name: /^Bates prefix/ })).toHaveAccessibleDescription(
      /capital letters, digits, - and _/,
    );
  });

  it('produces a draft only after a confirmation that states where its numbers start', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/productions/{productionId}/produce', () => ({
      ...draft,
      status: 'PRODUCING',
    }));
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Produce volume MSFT-TWTR-VOL002' }));
    const dialog = screen.getByRole('dialog', { name: 'Produce volume MSFT-TWTR-VOL002?' });
    expect(dialog).toHaveTextContent('2 documents go to Grace Hopper, Hopper LLP.');
    expect(dialog).toHaveTextContent('from MSFT-TWTR-000006, one per page, so at least up to MSFT-TWTR-000007');
    expect(dialog).toHaveTextContent('can no longer be changed');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Produce volume' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toMatchObject([
        {
          method: 'POST',
          path: '/api/audits/{auditId}/productions/{productionId}/produce',
          params: { path: { productionId: 'p2' } },
        },
      ]),
    );
  });

  it('checks a produced volume’s files and names any that differ', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/productions/{productionId}/verify', () => ({
      result: 'MISMATCH',
      checkedAt: '2026-05-22T09:00:00.000Z',
      filesChecked: 14,
      differences: [
        { path: 'IMAGES/MSFT-TWTR-000001.pdf', result: 'MISMATCH', expectedSha256: SHA, actualSha256: 'b'.repeat(64) },
      ],
    }));
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Check the files of volume MSFT-TWTR-VOL001' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Volume MSFT-TWTR-VOL001: files differ');
    expect(alert).toHaveTextContent(
      '1 file of 14 no longer match what was produced (checked May 22, 2026, 10:00 AM GMT+1)',
    );
    expect(alert).toHaveTextContent('IMAGES/MSFT-TWTR-000001.pdf: its content has changed');
  });

  it('offers the production log as Excel and CSV', async () => {
    renderInAudit(<ProductionsPage />, { me: ada, audit: auditFixture({ myRole: 'VIEWER' }) });
    await screen.findByRole('row', { name: /MSFT-TWTR-VOL001/ });
    for (const [label, format] of [
      ['Excel', 'xlsx'],
      ['CSV', 'csv'],
    ])
      expect(screen.getByRole('link', { name: `Download the production log as ${label}` })).toHaveAttribute(
        'href',
        `/api/audits/${audit.id}/productions/log.${format}`,
      );
  });

  it('opens a volume to list its documents page by page, each hash shortened and copyable in full', async () => {
    const user = userEvent.setup({ delay: null });
    // 120 one-page documents: MSFT-TWTR-000001 to MSFT-TWTR-000120, each with its own hashes.
    const hex = (n: number, digit: string) => `${String(n).padStart(4, '0')}${digit.repeat(60)}`;
    const documents = Array.from({ length: 120 }, (_, i) =>
      doc({
        id: `d${i + 1}`,
        evidenceVersionId: `v${i + 1}`,
        evidenceId: `e${i + 1}`,
        title: `Licence record ${i + 1}`,
        fileName: `record-${i + 1}.pdf`,
        designation: i === 0 ? 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY' : 'CONFIDENTIAL',
        begBates: `MSFT-TWTR-${String(i + 1).padStart(6, '0')}`,
        endBates: i === 0 ? 'MSFT-TWTR-000002' : `MSFT-TWTR-${String(i + 1).padStart(6, '0')}`,
        pageCount: 1,
        originalSha256: hex(i + 1, 'a'),
        producedSha256: hex(i + 1, 'b'),
      }),
    );
    fakeApi.on('GET /api/audits/{auditId}/productions', () => ({
      items: [volume({ documentCount: 120, lastBates: 'MSFT-TWTR-000121' }), draft],
    }));
    fakeApi.on('GET /api/audits/{auditId}/productions/{productionId}/documents', paged(documents));
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Show the documents of volume MSFT-TWTR-VOL001' }));
    const dialog = await screen.findByRole('dialog', { name: 'Volume MSFT-TWTR-VOL001: documents' });
    expect(dialog).toHaveTextContent('120 documents, MSFT-TWTR-000001 – MSFT-TWTR-000121.');
    const table = within(dialog).getByRole('table', { name: 'Documents of volume MSFT-TWTR-VOL001' });
    const first = await within(table).findByRole('row', { name: /record-1\.pdf/ });
    expect(first).toHaveTextContent('MSFT-TWTR-000001 – MSFT-TWTR-000002');
    expect(first).toHaveTextContent('Licence record 1 · version 1');
    expect(first).toHaveTextContent('HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY');
    // Shortened on screen, whole in the title and on the clipboard.
    const produced = within(first).getByTitle(hex(1, 'b'));
    expect(produced).toHaveTextContent(/^0001bbbbbbbb…$/);
    expect(within(first).getByTitle(hex(1, 'a'))).toHaveTextContent(/^0001aaaaaaaa…$/);
    await user.click(
      within(first).getByRole('button', { name: 'Copy the SHA-256 of the produced file of record-1.pdf' }),
    );
    expect(await navigator.clipboard.readText()).toBe(hex(1, 'b'));
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(await axeViolations()).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Next page' }));
    await within(dialog).findByRole('row', { name: /record-51\.pdf/ });
    await user.click(within(dialog).getByRole('button', { name: 'Next page' }));
    const last = await within(dialog).findByRole('row', { name: /record-120\.pdf/ });
    expect(last).toHaveTextContent('MSFT-TWTR-000120');
    expect(within(dialog).queryByRole('row', { name: /record-1\.pdf/ })).toBeNull();
    expect(
      fakeApi.calls
        .filter((c) => c.path === '/api/audits/{auditId}/productions/{productionId}/documents')
        .map((c) => [c.params?.path?.productionId, c.params?.query]),
    ).toEqual([
      ['p1', { page: 1, pageSize: 50 }],
      ['p1', { page: 2, pageSize: 50 }],
      ['p1', { page: 3, pageSize: 50 }],
    ]);
  });

  it('lists a draft’s documents as not numbered or produced yet', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on(
      'GET /api/audits/{auditId}/productions/{productionId}/documents',
      paged([
        doc({
          id: 'd1',
          evidenceVersionId: 'v1',
          evidenceId: 'e1',
          title: 'Key memo',
          versionNumber: 2,
          fileName: 'memo.pdf',
        }),
      ]),
    );
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Show the documents of volume MSFT-TWTR-VOL002' }));
    const dialog = await screen.findByRole('dialog', { name: 'Volume MSFT-TWTR-VOL002: documents' });
    expect(dialog).toHaveTextContent('2 documents: Bates numbers are given when the volume is produced.');
    const row = await within(dialog).findByRole('row', { name: /memo\.pdf/ });
    expect(row).toHaveTextContent('Not yet numbered');
    expect(row).toHaveTextContent('Not produced yet');
    expect(within(dialog).queryByRole('navigation')).toBeNull();
  });

  it('offers counsel to redact each PDF of a volume that can still change, with its number of boxes', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on(
      'GET /api/audits/{auditId}/productions/{productionId}/documents',
      paged([
        doc({ id: 'd1', fileName: 'memo.pdf', versionNumber: 2, redactionCount: 2 }),
        doc({ id: 'd2', fileName: 'keys.csv', versionNumber: 2, mediaType: 'text/csv' }),
        doc({ id: 'd3', fileName: 'plain.pdf', versionNumber: 2 }),
      ]),
    );
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Show the documents of volume MSFT-TWTR-VOL002' }));
    const dialog = await screen.findByRole('dialog', { name: 'Volume MSFT-TWTR-VOL002: documents' });
    const memo = await within(dialog).findByRole('link', { name: 'Redact memo.pdf (2 boxes)' });
    expect(memo).toHaveTextContent('Redact (2)');
    expect(memo).toHaveAttribute('href', `/audits/${audit.id}/evidence/e-d1/versions/2/redactions`);
    expect(within(dialog).getByRole('link', { name: 'Redact plain.pdf' })).toHaveTextContent(/^Redact$/);
    expect(within(within(dialog).getByRole('row', { name: /keys\.csv/ })).queryByRole('link')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('says which documents go out redacted and which privilege boxes the privilege log still owes', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on(
      'GET /api/audits/{auditId}/productions/{productionId}/documents',
      paged([
        doc({
          id: 'd1',
          fileName: 'advice.pdf',
          redactionCount: 3,
          privilegeRedacted: true,
          privilegeLogMissing: true,
        }),
        doc({ id: 'd2', fileName: 'logged.pdf', redactionCount: 1, privilegeRedacted: true }),
        doc({ id: 'd3', fileName: 'plain.pdf' }),
      ]),
    );
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Show the documents of volume MSFT-TWTR-VOL002' }));
    const dialog = await screen.findByRole('dialog', { name: 'Volume MSFT-TWTR-VOL002: documents' });
    const advice = await within(dialog).findByRole('row', { name: /advice\.pdf/ });
    expect(advice).toHaveTextContent('Redacted when produced (3 boxes)');
    expect(advice).toHaveTextContent('Privilege boxes: log it in the privilege log as redacted');
    const logged = within(dialog).getByRole('row', { name: /logged\.pdf/ });
    expect(logged).toHaveTextContent('Redacted when produced (1 box)');
    expect(logged).not.toHaveTextContent('privilege log');
    expect(within(dialog).getByRole('row', { name: /plain\.pdf/ })).not.toHaveTextContent('Redacted');
    expect(await axeViolations()).toEqual([]);
  });

  it('offers no redaction once a volume is produced, nor to viewers', async () => {
    const user = userEvent.setup({ delay: null });
    const memo = doc({
      id: 'd1',
      evidenceVersionId: 'v1',
      evidenceId: 'e1',
      title: 'Key memo',
      fileName: 'memo.pdf',
      redactionCount: 1,
      privilegeRedacted: true,
    });
    fakeApi.on('GET /api/audits/{auditId}/productions/{productionId}/documents', paged([memo]));
    const { unmount } = renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Show the documents of volume MSFT-TWTR-VOL001' }));
    let dialog = await screen.findByRole('dialog', { name: 'Volume MSFT-TWTR-VOL001: documents' });
    const produced = await within(dialog).findByRole('row', { name: /memo\.pdf/ });
    expect(produced).toHaveTextContent('Produced redacted (1 box)');
    expect(within(dialog).queryByRole('link', { name: /^Redact/ })).toBeNull();
    unmount();

    renderInAudit(<ProductionsPage />, { me: ada, audit: auditFixture({ myRole: 'VIEWER' }) });
    await user.click(await screen.findByRole('button', { name: 'Show the documents of volume MSFT-TWTR-VOL002' }));
    dialog = await screen.findByRole('dialog', { name: 'Volume MSFT-TWTR-VOL002: documents' });
    await within(dialog).findByRole('row', { name: /memo\.pdf/ });
    expect(within(dialog).queryByRole('link', { name: /^Redact/ })).toBeNull();
  });

  it('shows viewers the log and the downloads, and nothing to change', async () => {
    renderInAudit(<ProductionsPage />, { me: ada, audit: auditFixture({ myRole: 'VIEWER' }) });
    await screen.findByRole('row', { name: /MSFT-TWTR-VOL001/ });
    await screen.findByRole('row', { name: /Email seeking legal advice/ });
    expect(screen.queryByRole('button', { name: 'New volume' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Produce volume/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add entry' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Edit|Remove) entry/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Download volume MSFT-TWTR-VOL001 (ZIP)' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download the privilege log as PDF' })).toBeInTheDocument();
  });
});

describe('the designations', () => {
  it('lets counsel add a designation and save the list', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PUT /api/audits/{auditId}/production-designations', ({ body }) => body);
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    const input = await screen.findByRole('combobox', { name: /^Designations/ });
    expect(screen.getByRole('button', { name: 'Save designations' })).toBeDisabled();
    await user.type(input, 'ATTORNEYS EYES ONLY{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save designations' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toMatchObject([
        {
          method: 'PUT',
          body: { labels: ['CONFIDENTIAL', 'HIGHLY CONFIDENTIAL - OUTSIDE COUNSEL ONLY', 'ATTORNEYS EYES ONLY'] },
        },
      ]),
    );
  });
});

describe('the privilege log', () => {
  it('shows each entry in a lawyer’s terms and offers it as PDF, Excel and CSV', async () => {
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    const row = await screen.findByRole('row', { name: /Email seeking legal advice/ });
    expect(row).toHaveTextContent('Tue, Mar 14, 2023');
    expect(row).toHaveTextContent('From: Dana Counsel');
    expect(row).toHaveTextContent('To: Sam Licensing');
    expect(row).toHaveTextContent('Cc: Legal team');
    expect(row).toHaveTextContent('Attorney-client privilege');
    expect(row).toHaveTextContent('Withheld');
    expect(row).toHaveTextContent('Request 3');
    for (const [label, format] of [
      ['PDF', 'pdf'],
      ['Excel', 'xlsx'],
      ['CSV', 'csv'],
    ])
      expect(screen.getByRole('link', { name: `Download the privilege log as ${label}` })).toHaveAttribute(
        'href',
        `/api/audits/${audit.id}/privilege-log/export.${format}`,
      );
  });

  it('adds a redacted entry with its Bates number, and shows a refusal next to the field', async () => {
    const user = userEvent.setup({ delay: null });
    let attempts = 0;
    fakeApi.on('POST /api/audits/{auditId}/privilege-log', ({ body }) => {
      attempts += 1;
      if (attempts === 1)
        throw new FakeProblem(400, {
          code: 'VALIDATION_FAILED',
          detail: 'A redacted document needs the Bates number it was produced under (batesBegin).',
          errors: [
            {
              field: 'batesBegin',
              message: 'A redacted document needs the Bates number it was produced under (batesBegin).',
            },
          ],
        });
      return { ...entry, ...(body as object), id: 'l2', number: 2, requests: [] };
    });
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Add entry' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a privilege log entry' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Type of document/ }), 'Memorandum');
    await user.type(within(dialog).getByRole('textbox', { name: /^Author/ }), 'Dana Counsel');
    await user.type(within(dialog).getByRole('combobox', { name: /^To/ }), 'Sam Licensing{Enter}');
    await user.click(within(dialog).getByRole('textbox', { name: /^Description/ }));
    await user.paste('Memorandum from counsel on deployment counts');
    await user.click(within(dialog).getByRole('radio', { name: 'Produced with redactions' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add entry' }));
    expect(
      await within(dialog).findByText('Enter the Bates number the redacted document was produced under'),
    ).toBeVisible();
    expect(dialog).not.toHaveTextContent('batesBegin');
    await user.type(within(dialog).getByRole('textbox', { name: /^First Bates number/ }), 'MSFT-TWTR-000003');
    expect(await axeViolations()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Add entry' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add a privilege log entry' })).toBeNull());
    expect(fakeApi.writes()[1]).toMatchObject({
      method: 'POST',
      body: {
        categorical: false,
        documentType: 'Memorandum',
        author: 'Dana Counsel',
        recipientsTo: ['Sam Licensing'],
        recipientsCc: [],
        description: 'Memorandum from counsel on deployment counts',
        privilege: 'ATTORNEY_CLIENT',
        treatment: 'REDACTED',
        batesBegin: 'MSFT-TWTR-000003',
        batesEnd: null,
        documentCount: null,
      },
    });
  });

  it('edits an entry as a whole, and removes one only after confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PUT /api/audits/{auditId}/privilege-log/{entryId}', ({ body }) => ({ ...entry, ...(body as object) }));
    fakeApi.on('DELETE /api/audits/{auditId}/privilege-log/{entryId}', () => undefined);
    renderInAudit(<ProductionsPage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Edit entry 1 (Email)' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit entry 1' });
    expect(within(dialog).getByRole('textbox', { name: /^Description/ })).toHaveValue(entry.description);
    await user.click(within(dialog).getByRole('radio', { name: 'A class of documents' }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Number of documents/ }), '12');
    await user.click(within(dialog).getByRole('button', { name: 'Save entry' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit entry 1' })).toBeNull());
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PUT',
      params: { path: { entryId: 'l1' } },
      body: { categorical: true, documentCount: 12, documentDate: null, evidenceVersionId: null, requestIds: ['r3'] },
    });

    await user.click(screen.getByRole('button', { name: 'Remove entry 1 (Email)' }));
    const confirm = screen.getByRole('dialog', { name: 'Remove entry 1 (Email) from the privilege log?' });
    expect(fakeApi.writes()).toHaveLength(1);
    await user.click(within(confirm).getByRole('button', { name: 'Remove entry' }));
    await waitFor(() =>
      expect(fakeApi.writes()[1]).toMatchObject({ method: 'DELETE', params: { path: { entryId: 'l1' } } }),
    );
  });
});
