// An evidence record's history dialog: its versions with their hashes and downloads, its chain
// of custody in words and in the user's zone, and a new version that keeps the earlier ones.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Evidence, EvidenceVersion } from '../api/client';
import { fakeApi, page } from '../test/fake-api';
import { auditFixture, evidenceVersionFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { EvidenceHistory } from './EvidenceHistory';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));
// The upload goes through XMLHttpRequest, which jsdom does not send: the dialog's part is asserted.
const upload = vi.hoisted(() => ({ uploadEvidenceVersion: vi.fn() }));
vi.mock('../api/upload', async (original) => ({ ...(await original<typeof import('../api/upload')>()), ...upload }));

const me = {
  id: 'u1',
  email: 'daniel@example.com',
  name: 'Daniel Okafor',
  timeZone: 'America/New_York',
  orgRole: 'MEMBER' as const,
  canOpenAudits: true,
};
const audit = auditFixture();
const SHA1 = 'a'.repeat(64);
const SHA2 = 'b'.repeat(64);

const version = (number: number, sha256: string, extra: Partial<EvidenceVersion> = {}): EvidenceVersion =>
  evidenceVersionFixture({
    id: `v${number}`,
    number,
    fileName: `logs-v${number}.csv`,
    mediaType: 'text/csv',
    sizeBytes: 2048 * number,
    sha256,
    uploadedBy: { id: 'u2', name: 'Kenji Watanabe' },
    ...extra,
  });

const record: Evidence = {
  id: 'e1',
  kind: 'FILE',
  title: 'API call logs',
  description: null,
  custodian: null,
  sourceSystem: null,
  collectedOn: null,
  url: null,
  body: null,
  confidentiality: 'CONFIDENTIAL',
  tags: [],
  createdBy: { id: 'u2', name: 'Kenji Watanabe' },
  createdAt: '2023-05-25T14:00:00Z',
  updatedAt: '2023-05-30T15:00:00Z',
  currentVersion: version(2, SHA2),
  versionCount: 2,
  integrityAlert: false,
  responseIds: ['r1'],
};

const event = (id: string, action: string, occurredAt: string, versionNumber: number | null) => ({
  id,
  occurredAt,
  actor: { id: 'u1', name: 'Daniel Okafor' },
  entityType: 'evidence',
  entityId: 'e1',
  action,
  changes: versionNumber === null ? null : { version: { before: null, after: versionNumber } },
  subject: null,
  request: null,
  people: [],
});

beforeEach(() => {
  fakeApi.reset();
  upload.uploadEvidenceVersion.mockReset();
  fakeApi.on('GET /api/audits/{auditId}/evidence/{evidenceId}/versions', () => [
    version(2, SHA2, { lastVerification: 'MATCH', lastVerifiedAt: '2023-06-01T16:00:00Z' }),
    version(1, SHA1),
  ]);
  fakeApi.on('GET /api/audits/{auditId}/activity', () =>
    page([
      event('3', 'downloaded', '2023-06-02T13:30:00Z', 2),
      event('2', 'version_uploaded', '2023-05-30T15:00:00Z', 2),
      event('1', 'uploaded', '2023-05-25T14:00:00Z', null),
    ]),
  );
});

function open(canAddVersion = true) {
  renderInAudit(
    <EvidenceHistory
      auditId={audit.id}
      responseId="r1"
      evidence={record}
      canAddVersion={canAddVersion}
      opened
      onClose={() => {}}
    />,
    { me, audit },
  );
  return screen.getByRole('dialog', { name: 'History of API call logs' });
}

describe('EvidenceHistory', () => {
  it('lists every version with its file, hash, uploader and last check, each downloadable', async () => {
    const dialog = open();
    const versions = await within(dialog).findByRole('table', { name: 'Versions' });
    const rows = within(versions).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['2', '1']);
    expect(rows[0]).toHaveTextContent('logs-v2.csv4.0 KB · text/csv');
    expect(rows[0]).toHaveTextContent('Kenji Watanabe, May 25, 2023');
    expect(rows[0]).toHaveTextContent('Intact, Jun 1, 2023, 12:00 PM EDT');
    expect(rows[1]).toHaveTextContent('Not re-checked since upload');
    expect(within(rows[1]).getByRole('link', { name: 'logs-v1.csv' })).toHaveAttribute(
      'href',
      `/api/audits/${audit.id}/evidence/e1/versions/1/content`,
    );
    expect(within(rows[1]).getByRole('button', { name: 'Copy the SHA-256 of version 1' })).toBeInTheDocument();
    const results = await axe.run(dialog, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('reads the chain of custody in words, in the user’s zone, newest first', async () => {
    const dialog = open();
    const custody = await within(dialog).findByRole('list', { name: 'Chain of custody' });
    expect(
      within(custody)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Downloaded · version 2 · Daniel Okafor · Jun 2, 2023, 9:30 AM EDT',
      'New version uploaded · version 2 · Daniel Okafor · May 30, 2023, 11:00 AM EDT',
      'Uploaded · Daniel Okafor · May 25, 2023, 10:00 AM EDT',
    ]);
    expect(fakeApi.calls.find((c) => c.path === '/api/audits/{auditId}/activity')?.params?.query).toMatchObject({
      entityType: 'evidence',
      entityId: 'e1',
    });
  });

  it('uploads a new version, says the earlier ones are kept, and refuses an empty file unsent', async () => {
    const user = userEvent.setup({ delay: null });
    upload.uploadEvidenceVersion.mockResolvedValue(version(3, 'c'.repeat(64)));
    const dialog = open();
    const input = () => dialog.querySelector<HTMLInputElement>('input[type="file"]')!;
    await within(dialog).findByRole('table', { name: 'Versions' });

    await user.upload(input(), new File([], 'empty.csv'));
    expect(await within(dialog).findByText(/empty\.csv is empty \(0 bytes\): nothing was sent/)).toBeInTheDocument();
    expect(upload.uploadEvidenceVersion).not.toHaveBeenCalled();

    const file = new File(['ts,call\n1,GET /2/tweets\n'], 'logs-v3.csv', { type: 'text/csv' });
    await user.upload(input(), file);
    await waitFor(() => expect(upload.uploadEvidenceVersion).toHaveBeenCalledTimes(1));
    expect(upload.uploadEvidenceVersion.mock.calls[0][0]).toMatchObject({ auditId: audit.id, evidenceId: 'e1', file });
    expect(await within(dialog).findByText('Version 3 added')).toBeInTheDocument();
    expect(within(dialog).getByText('The earlier versions are kept, each with its own SHA-256.')).toBeInTheDocument();
  });

  it('offers no new version to someone who may not change the response’s evidence', async () => {
    const dialog = open(false);
    await within(dialog).findByRole('table', { name: 'Versions' });
    expect(within(dialog).queryByRole('button', { name: 'Upload a new version' })).toBeNull();
  });
});
