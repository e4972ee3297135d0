import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Link, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type Evidence, type EvidenceVersion } from '../api/client';
import { renderWithTheme } from '../test/render';
import { evidenceVersionFixture } from '../test/fixtures';
import { backingLockedByApproval } from '@app/domain/response-workflow';
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
  // The history dialog's reads (its own test drives them): here, still loading.
  useEvidenceVersions: () => ({ data: undefined, error: null, isPending: true, refetch: () => {} }),
  useEvidenceCustody: () => ({ data: undefined, error: null, isPending: true, refetch: () => {} }),
}));

const me = {
  id: 'u1',
  email: 'kenji@example.com',
  name: 'Kenji Watanabe',
  timeZone: 'America/Los_Angeles',
  orgRole: 'MEMBER' as const,
  canOpenAudits: false,
};
const SHA = evidenceVersionFixture().sha256;

const version = evidenceVersionFixture;

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

/** The panel on a response page of the app's (data) router, with a link elsewhere to leave by. */
function renderPanel(canUpload = true, canRedact = false, locked: string | null = null) {
  const router = createMemoryRouter(
    [
      {
        path: '/response',
        element: (
          <>
            <Link to="/grid">Back to the grid</Link>
            <EvidencePanel auditId="a1" responseId="r1" canUpload={canUpload} canRedact={canRedact} locked={locked} />
          </>
        ),
      },
      { path: '/grid', element: <p>The grid</p> },
    ],
    { initialEntries: ['/response'] },
  );
  return {
    router,
    ...renderWithTheme(
      <QueryClientProvider client={new QueryClient()}>
        <MeProvider value={me}>
          <RouterProvider router={router} />
        </MeProvider>
      </QueryClientProvider>,
    ),
  };
}

/** An upload that runs until the test finishes it, or until its signal is aborted. */
function pendingUpload() {
  const started: { signal?: AbortSignal } = {};
  upload.uploadEvidenceFile.mockImplementation(({ signal }: { signal: AbortSignal }) => {
    started.signal = signal;
    return new Promise<Evidence>((_, reject) =>
      signal.addEventListener('abort', () => reject(new ApiError(0, { title: 'Cancelled' }))),
    );
  });
  return started;
}

const fileInput = (container: HTMLElement) => container.querySelector<HTMLInputElement>('input[type=file]')!;

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
    await user.upload(fileInput(container), file);

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
    upload.uploadEvidenceFile.mockRejectedValue(
      new ApiError(413, { title: 'Payload Too Large', detail: 'The file is larger than 2 GiB.' }),
    );
    const user = userEvent.setup();
    const { container } = renderPanel();
    await user.upload(fileInput(container), new File(['x'], 'huge.bin'));
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

  it('opens a file’s history (versions and custody), with a new version for those who may add one', async () => {
    const user = userEvent.setup({ delay: null });
    listed.items = [evidence('e1', 'Feed cache config', version())];
    renderPanel(true);
    await user.click(screen.getByRole('button', { name: 'History of Feed cache config: versions and custody' }));
    const dialog = await screen.findByRole('dialog', { name: 'History of Feed cache config' });
    expect(within(dialog).getByRole('button', { name: 'Upload a new version' })).toBeInTheDocument();
  });

  it('opens the redaction screen of a PDF’s current version, for counsel only', () => {
    listed.items = [
      evidence('e1', 'Feed cache config', version()),
      evidence(
        'e3',
        'Board minutes',
        version({ id: 'v3', number: 3, fileName: 'minutes.pdf', mediaType: 'application/pdf' }),
      ),
    ];
    const { unmount } = renderPanel(false, true);
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(within(items[0]).queryByRole('link', { name: /^Redact/ })).toBeNull();
    // It says where it was opened from, so the redaction page's back link returns here.
    expect(within(items[1]).getByRole('link', { name: 'Redact minutes.pdf, version 3' })).toHaveAttribute(
      'href',
      '/audits/a1/evidence/e3/versions/3/redactions?from=%2Fresponse',
    );
    unmount();
    renderPanel(false, false);
    expect(screen.queryByRole('link', { name: /^Redact/ })).toBeNull();
  });

  it('offers no upload on an approved answer, and says why, while its evidence stays listed', () => {
    listed.items = [evidence('e1', 'Cache policy', version())];
    renderPanel(true, false, backingLockedByApproval([{ status: 'APPROVED' }]));
    expect(screen.queryByRole('button', { name: 'Choose files' })).toBeNull();
    expect(
      screen.getByText('This answer is approved: counsel must reopen it, with a reason, before its evidence changes.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Cache policy')).toBeInTheDocument();
  });

  it('refuses an empty file before sending it, and says so', async () => {
    const user = userEvent.setup();
    const { container } = renderPanel();
    await user.upload(fileInput(container), new File([], 'blank.pdf'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('blank.pdf was not uploaded');
    expect(alert).toHaveTextContent('blank.pdf is empty (0 bytes): nothing was sent.');
    expect(upload.uploadEvidenceFile).not.toHaveBeenCalled();
  });

  it('says a file is already there when the API finds the same bytes on this response', async () => {
    upload.uploadEvidenceFile.mockRejectedValue(
      new ApiError(409, {
        code: 'DUPLICATE',
        detail: 'This file is already evidence of this response, as "Cache config"; nothing was added.',
        errors: [{ field: 'file', message: 'This file is already evidence of this response' }],
      }),
    );
    const user = userEvent.setup();
    const { container } = renderPanel();
    await user.upload(fileInput(container), new File(['x'], 'cache.txt'));
    expect(await screen.findByText('Already there')).toBeInTheDocument();
    expect(screen.getByText('cache.txt is already here')).toBeInTheDocument();
    expect(
      screen.getByText('This file is already evidence of this response, as "Cache config"; nothing was added.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Failed')).toBeNull();
  });

  it('cancels a running upload', async () => {
    const started = pendingUpload();
    const user = userEvent.setup();
    const { container } = renderPanel();
    await user.upload(fileInput(container), new File(['x'.repeat(100)], 'big.bin'));
    await user.click(await screen.findByRole('button', { name: 'Cancel the upload of big.bin' }));
    expect(started.signal?.aborted).toBe(true);
    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel the upload of big.bin' })).toBeNull();
  });

  it('asks before leaving the page while an upload runs: staying keeps it, leaving cancels it', async () => {
    const started = pendingUpload();
    const user = userEvent.setup();
    const { container, router } = renderPanel();
    await user.upload(fileInput(container), new File(['x'.repeat(100)], 'big.bin'));
    await screen.findByRole('button', { name: 'Cancel the upload of big.bin' });

    // Closing or reloading the tab: the browser is told to ask.
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);

    await user.click(screen.getByRole('link', { name: 'Back to the grid' }));
    let dialog = await screen.findByRole('dialog', { name: 'Leave while an upload is running?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/response');
    expect(started.signal?.aborted).toBe(false);

    await user.click(screen.getByRole('link', { name: 'Back to the grid' }));
    dialog = await screen.findByRole('dialog', { name: 'Leave while an upload is running?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave and cancel the upload' }));
    expect(await screen.findByText('The grid')).toBeInTheDocument();
    expect(started.signal?.aborted).toBe(true);
  });

  it('lets the page go without asking once no upload runs', async () => {
    upload.uploadEvidenceFile.mockResolvedValue(evidence('e1', 'cache.txt', version()));
    const user = userEvent.setup();
    const { container } = renderPanel();
    await user.upload(fileInput(container), new File(['x'], 'cache.txt'));
    expect(await screen.findByText('Uploaded')).toBeInTheDocument();
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(false);
    await user.click(screen.getByRole('link', { name: 'Back to the grid' }));
    expect(await screen.findByText('The grid')).toBeInTheDocument();
  });
});
