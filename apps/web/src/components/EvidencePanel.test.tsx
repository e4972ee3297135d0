import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Evidence, EvidenceVersion } from '../api/client';
import { renderWithTheme } from '../test/render';
import { EvidencePanel } from './EvidencePanel';
import { MeProvider } from './layout';

// The upload and the list are the network's business; these tests drive the panel's own logic.
const upload = vi.hoisted(() => ({ uploadEvidenceFile: vi.fn() }));
vi.mock('../api/upload', () => upload);
const listed = vi.hoisted(() => ({ items: [] as Evidence[] }));
vi.mock('../api/queries', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api/queries')>()),
  useResponseEvidence: () => ({
    data: { items: listed.items, page: 1, pageSize: 200, total: listed.items.length },
    error: null,
    isPending: false,
    refetch: () => {},
  }),
  useVerifyEvidence: () => ({ mutate: vi.fn(), isPending: false, error: null, variables: undefined }),
}));

const me = {
  id: 'u1',
  email: 'kenji@example.com',
  name: 'Kenji Watanabe',
  timeZone: 'America/Los_Angeles',
  orgRole: 'MEMBER' as const,
};
const SHA = 'ecaa3b8ecae71dba3b53ca2c267fca27b9fda8afdf61d4d168f11377a775540b';

function version(extra: Partial<EvidenceVersion> = {}): EvidenceVersion {
  return {
    id: 'v1',
    number: 1,
    fileName: 'cache.txt',
    mediaType: 'text/plain',
    sizeBytes: 2048,
    sha256: SHA,
    uploadedBy: { id: 'u1', name: 'Kenji Watanabe' },
    uploadedAt: '2023-05-25T14:00:00Z',
    lastVerifiedAt: null,
    lastVerification: null,
    integrityAlert: false,
    ...extra,
  };
}

function evidence(id: string, title: string, v: EvidenceVersion): Evidence {
  return {
    id,
    kind: 'FILE',
    title,
    description: null,
    custodian: null,
    sourceSystem: null,
    collectedOn: null,
    url: null,
    body: null,
    confidentiality: 'CONFIDENTIAL',
    tags: [],
    createdBy: null,
    createdAt: '2023-05-25T14:00:00Z',
    updatedAt: '2023-05-25T14:00:00Z',
    currentVersion: v,
    versionCount: 1,
    integrityAlert: v.integrityAlert,
    responseIds: ['r1'],
  };
}

const renderPanel = (canUpload = true) =>
  renderWithTheme(
    <QueryClientProvider client={new QueryClient()}>
      <MeProvider value={me}>
        <EvidencePanel auditId="a1" responseId="r1" canUpload={canUpload} />
      </MeProvider>
    </QueryClientProvider>,
  );

describe('EvidencePanel', () => {
  beforeEach(() => {
    listed.items = [];
    upload.uploadEvidenceFile.mockReset();
  });

  it('uploads a chosen file linked to the response, shows its progress, then the SHA-256 the API computed', async () => {
    let finish: (e: Evidence) => void = () => {};
    upload.uploadEvidenceFile.mockImplementation(({ onProgress }: { onProgress: (f: number) => void }) => {
      onProgress(0.4);
      return new Promise<Evidence>((resolve) => (finish = resolve));
    });
    const user = userEvent.setup();
    const { container } = renderPanel();
    const file = new File(['cache-ttl=86400'], 'cache.txt', { type: 'text/plain' });
    await user.upload(container.querySelector<HTMLInputElement>('input[type=file]')!, file);

    expect(upload.uploadEvidenceFile).toHaveBeenCalledWith(
      expect.objectContaining({ auditId: 'a1', file, title: 'cache.txt', responseIds: ['r1'] }),
    );
    const bar = await screen.findByRole('progressbar', { name: 'Upload of cache.txt' });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByText('40%')).toBeInTheDocument();
    expect(screen.queryByTestId('upload-sha256')).not.toBeInTheDocument();

    finish(evidence('e1', 'cache.txt', version()));
    await waitFor(() => expect(screen.getByTestId('upload-sha256')).toHaveTextContent(SHA));
    expect(screen.getByRole('progressbar', { name: 'Upload of cache.txt' })).toHaveAttribute('aria-valuenow', '100');
    expect(screen.getByText('Uploaded')).toBeInTheDocument();
  });

  it('shows the API problem when an upload is refused', async () => {
    const { ApiError } = await import('../api/client');
    upload.uploadEvidenceFile.mockRejectedValue(
      new ApiError(413, { title: 'Payload Too Large', detail: 'The file is larger than 2 GiB.' }),
    );
    const user = userEvent.setup();
    const { container } = renderPanel();
    await user.upload(container.querySelector<HTMLInputElement>('input[type=file]')!, new File(['x'], 'huge.bin'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('huge.bin was not uploaded');
    expect(alert).toHaveTextContent('The file is larger than 2 GiB.');
    expect(screen.getByText('Failed')).toBeInTheDocument();
  });

  it('lists each file with its hash, a download of its version and its integrity state', () => {
    listed.items = [
      evidence('e1', 'Feed cache config', version()),
      evidence(
        'e2',
        'Key register',
        version({
          id: 'v2',
          number: 2,
          fileName: 'keys.xlsx',
          lastVerification: 'MATCH',
          lastVerifiedAt: '2023-05-26T10:00:00Z',
        }),
      ),
      evidence(
        'e3',
        'Portal export',
        version({
          id: 'v3',
          fileName: 'portal.pdf',
          lastVerification: 'MISMATCH',
          lastVerifiedAt: '2023-05-26T10:00:00Z',
          integrityAlert: true,
        }),
      ),
    ];
    renderPanel(false);
    expect(screen.queryByRole('button', { name: 'Choose files' })).not.toBeInTheDocument();
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Not re-checked since upload');
    expect(items[0]).toHaveTextContent(SHA);
    expect(within(items[1]).getByRole('link', { name: 'Download keys.xlsx' })).toHaveAttribute(
      'href',
      '/api/audits/a1/evidence/e2/versions/2/content',
    );
    expect(items[1]).toHaveTextContent('Intact');
    expect(items[2]).toHaveTextContent('Integrity alert');
    expect(items[2]).toHaveTextContent('Changed since upload');
  });
});
