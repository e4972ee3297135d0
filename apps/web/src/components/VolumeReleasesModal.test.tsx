import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProductionDetail, ProductionRelease } from '../api/queries';
import { fakeApi } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { ProductionsPage } from '../pages/ProductionsPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const lena = { id: 'u-lena', name: 'Lena Lead' };

const release = (extra: Partial<ProductionRelease>): ProductionRelease => ({
  id: 'rel1',
  productionId: 'p1',
  recipientName: 'Grace Hopper',
  recipientEmail: 'grace@hopper.example',
  expiresAt: '2026-12-10T17:00:00.000Z',
  state: 'ACTIVE',
  createdBy: lena,
  createdAt: '2026-12-03T09:00:00.000Z',
  revokedAt: null,
  revokedBy: null,
  failedCodeAttempts: 0,
  mailSent: true,
  downloads: [
    {
      id: 'd1',
      startedAt: '2026-12-03T10:00:00.000Z',
      finishedAt: '2026-12-03T10:00:05.000Z',
      clientAddress: '203.0.113.7',
      bytesSent: 52_224,
      complete: true,
    },
    {
      id: 'd2',
      startedAt: '2026-12-03T11:00:00.000Z',
      finishedAt: '2026-12-03T11:00:01.000Z',
      clientAddress: '203.0.113.7',
      bytesSent: 1_024,
      complete: false,
    },
  ],
  ...extra,
});

const volume = (releases: ProductionRelease[]): ProductionDetail => ({
  id: 'p1',
  name: 'MSFT-TWTR-VOL001',
  batesPrefix: 'MSFT-TWTR-',
  startNumber: 1,
  padWidth: 6,
  recipient: 'Grace Hopper, Hopper LLP',
  productionDate: '2026-12-03',
  deliveryMethod: 'Download link',
  status: 'PRODUCED',
  progress: 100,
  error: null,
  documentCount: 2,
  firstBates: 'MSFT-TWTR-000001',
  lastBates: 'MSFT-TWTR-000003',
  lastNumber: 3,
  pageCount: 3,
  zipSha256: 'a'.repeat(64),
  zipSizeBytes: 52_224,
  producedAt: '2026-12-03T08:00:00.000Z',
  producedBy: lena,
  lastVerifiedAt: null,
  lastVerification: null,
  downloadUrl: '/api/audits/a1/productions/p1/volume',
  createdBy: lena,
  createdAt: '2026-12-03T07:00:00.000Z',
  releases,
  documents: [],
});

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-03T09:00:00Z'), toFake: ['Date'] });
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/production-designations', () => ({ labels: ['CONFIDENTIAL'] }));
  fakeApi.on('GET /api/audits/{auditId}/privilege-log', () => ({ items: [] }));
});
afterEach(() => vi.useRealTimers());

async function openReleases(role: 'LEAD_COUNSEL' | 'COUNSEL', releases: ProductionRelease[]) {
  fakeApi.on('GET /api/audits/{auditId}/productions', () => ({ items: [volume(releases)] }));
  renderInAudit(<ProductionsPage />, { me: ada, audit: auditFixture({ myRole: role }) });
  const user = userEvent.setup({ delay: null });
  await user.click(
    await screen.findByRole('button', { name: 'Releases of volume MSFT-TWTR-VOL001 to the other side' }),
  );
  return { user, dialog: await screen.findByRole('dialog', { name: /releases to the other side$/ }) };
}

describe('releasing a volume to the other side', () => {
  it('lists each link with its state, expiry in the user’s zone and every download, complete or not', async () => {
    const { dialog } = await openReleases('LEAD_COUNSEL', [release({})]);
    const row = within(dialog).getByRole('row', { name: /Grace Hopper/ });
    expect(row).toHaveTextContent('Active');
    expect(row).toHaveTextContent('Works until Dec 10, 2026, 5:00 PM GMT');
    expect(row).toHaveTextContent('Dec 3, 2026, 10:00 AM GMT from 203.0.113.7: complete (51.0 KB)');
    expect(row).toHaveTextContent('Dec 3, 2026, 11:00 AM GMT from 203.0.113.7: stopped after 1.0 KB');
    expect(await axeViolations()).toEqual([]);
  });

  it('releases after a confirmation, sending the expiry as an instant read in the user’s zone', async () => {
    fakeApi.on('POST /api/audits/{auditId}/productions/{productionId}/releases', () => release({ downloads: [] }));
    const { user, dialog } = await openReleases('LEAD_COUNSEL', []);
    expect(within(dialog).getByText('Not released yet')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Release to the other side' }));
    const form = within(dialog).getByRole('form', { name: 'Release volume MSFT-TWTR-VOL001 to the other side' });
    // The demand's counsel are offered; a week from now is the default end.
    expect(within(form).getByLabelText(/^Recipient/)).toHaveValue('Grace Hopper');
    expect(within(form).getByLabelText(/^Their email/)).toHaveValue('grace@hopper.example');
    const until = within(form).getByLabelText(/^Link works until \(Europe\/London\)/);
    expect(until).toHaveValue('2026-12-10T09:00');
    fireEvent.change(until, { target: { value: '2026-12-03T09:30' } });
    await user.click(within(form).getByRole('button', { name: 'Continue…' }));
    expect(within(form).getByText('The end of the link must be at least an hour from now.')).toBeInTheDocument();
    fireEvent.change(until, { target: { value: '2026-12-10T17:00' } });
    await user.click(within(form).getByRole('button', { name: 'Continue…' }));
    const confirm = await screen.findByRole('dialog', { name: 'Release volume MSFT-TWTR-VOL001?' });
    expect(confirm).toHaveTextContent('The link works until Dec 10, 2026, 5:00 PM GMT');
    expect(await axeViolations()).toEqual([]);
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Send the link and the code' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toMatchObject([
        {
          path: '/api/audits/{auditId}/productions/{productionId}/releases',
          params: { path: { productionId: 'p1' } },
          body: {
            recipientName: 'Grace Hopper',
            recipientEmail: 'grace@hopper.example',
            expiresAt: '2026-12-10T17:00:00.000+00:00',
          },
        },
      ]),
    );
  });

  it('revokes after a confirmation', async () => {
    fakeApi.on('POST /api/audits/{auditId}/productions/{productionId}/releases/{releaseId}/revoke', () =>
      release({ state: 'REVOKED', revokedAt: '2026-12-03T09:00:00.000Z', revokedBy: lena }),
    );
    const { user, dialog } = await openReleases('LEAD_COUNSEL', [release({})]);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke the link sent to Grace Hopper' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke this download link?' });
    expect(confirm).toHaveTextContent('stops working at once');
    await user.click(within(confirm).getByRole('button', { name: 'Revoke link' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toMatchObject([
        {
          path: '/api/audits/{auditId}/productions/{productionId}/releases/{releaseId}/revoke',
          params: { path: { productionId: 'p1', releaseId: 'rel1' } },
        },
      ]),
    );
  });

  it('says plainly a release whose emails did not go out was not sent, and sends it again', async () => {
    const unsent = release({ state: 'NOT_SENT', mailSent: false, downloads: [] });
    fakeApi.on('POST /api/audits/{auditId}/productions/{productionId}/releases/{releaseId}/resend', () =>
      release({ id: 'rel2', downloads: [] }),
    );
    const { user, dialog } = await openReleases('LEAD_COUNSEL', [unsent]);
    const row = within(dialog).getByRole('row', { name: /Grace Hopper/ });
    expect(row).toHaveTextContent('Not sent');
    expect(row).not.toHaveTextContent('Active');
    expect(row).toHaveTextContent(
      'The emails did not both go out. Send again emails a new link and a new code; this link then stops working.',
    );
    expect(await axeViolations()).toEqual([]);
    await user.click(within(row).getByRole('button', { name: 'Send the link and the code to Grace Hopper again' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toMatchObject([
        {
          path: '/api/audits/{auditId}/productions/{productionId}/releases/{releaseId}/resend',
          params: { path: { productionId: 'p1', releaseId: 'rel1' } },
        },
      ]),
    );
  });

  it('says a release whose emails are going out is being sent, and offers no Send again meanwhile', async () => {
    const { dialog } = await openReleases('LEAD_COUNSEL', [
      release({ state: 'SENDING', mailSent: false, downloads: [] }),
    ]);
    const row = within(dialog).getByRole('row', { name: /Grace Hopper/ });
    expect(row).toHaveTextContent('Sending');
    expect(row).toHaveTextContent('The emails are being sent.');
    expect(row).not.toHaveTextContent('did not both go out');
    expect(within(row).queryByRole('button', { name: /again/ })).not.toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });

  it('keeps saying a release sent again instead was never sent, and offers nothing more for it', async () => {
    const { dialog } = await openReleases('LEAD_COUNSEL', [
      release({
        state: 'REVOKED',
        mailSent: false,
        revokedAt: '2026-12-03T09:05:00.000Z',
        revokedBy: lena,
        downloads: [],
      }),
    ]);
    const row = within(dialog).getByRole('row', { name: /Grace Hopper/ });
    expect(row).toHaveTextContent('Revoked');
    expect(row).toHaveTextContent('The emails did not both go out.');
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows counsel the releases but neither releases nor revokes for them', async () => {
    const { dialog } = await openReleases('COUNSEL', [release({})]);
    expect(within(dialog).getByRole('row', { name: /Grace Hopper/ })).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Release to the other side' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Revoke/ })).not.toBeInTheDocument();
  });

  it('offers counsel no Send again either', async () => {
    const { dialog } = await openReleases('COUNSEL', [release({ state: 'NOT_SENT', mailSent: false })]);
    expect(within(dialog).getByRole('row', { name: /Grace Hopper/ })).toHaveTextContent('Not sent');
    expect(within(dialog).queryByRole('button', { name: /again$/ })).not.toBeInTheDocument();
  });
});
