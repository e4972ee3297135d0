import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '../api/client';
import { fakeApi, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { ReportPage } from './ReportPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN', myRole: 'VIEWER' });

const report = (extra: Partial<Report>): Report => ({
  id: 'rep-1',
  status: 'DONE',
  progress: 100,
  options: { subjectIds: null, includeUnapproved: false },
  requestedBy: { id: ada.id, name: ada.name },
  createdAt: '2026-05-26T15:30:00.000Z',
  finishedAt: '2026-05-26T15:31:00.000Z',
  sha256: 'a'.repeat(64),
  sizeBytes: 120_000,
  pageCount: 12,
  draft: false,
  error: null,
  downloadUrl: '/api/audits/a/reports/rep-1/file',
  ...extra,
});

beforeEach(() => fakeApi.reset());

describe('ReportPage', () => {
  it("names each past report's state in words, not the system's (Ready, Being prepared, Waiting to start)", async () => {
    fakeApi.on('GET /api/audits/{auditId}/reports', () =>
      page([
        report({}),
        report({ id: 'rep-2', status: 'RENDERING', progress: 40, finishedAt: null, sha256: null, downloadUrl: null }),
        report({ id: 'rep-3', status: 'QUEUED', progress: 0, finishedAt: null, sha256: null, downloadUrl: null }),
      ]),
    );
    renderInAudit(<ReportPage />, { me: ada, audit });
    const rows = within(await screen.findByRole('table', { name: 'Past reports' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Ready');
    expect(rows[2]).toHaveTextContent('Being prepared, 40%');
    expect(rows[3]).toHaveTextContent('Waiting to start');
    for (const row of rows.slice(1)) expect(row).not.toHaveTextContent(/\b(done|rendering|queued)\b/i);
  });
});
