import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResponseSubmission, SubmissionChecklist } from '../api/queries';
import { FakeProblem, fakeApi } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { ResponseSubmissionsCard } from './ResponseSubmissionsCard';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN' });
const SHA1 = '1'.repeat(64);
const SHA2 = '2'.repeat(64);
const lena = { id: 'u-lena', name: 'Lena Lead' };

const version = (n: number, extra: Partial<ResponseSubmission> = {}): ResponseSubmission => ({
  version: n,
  submittedAt: '2026-06-01T13:30:00.000Z',
  submittedBy: lena,
  submittedByName: 'Lena Lead',
  note: null,
  packageSha256: n === 1 ? SHA1 : SHA2,
  sizeBytes: 40_960,
  files: [
    { path: 'response-letter.pdf', sizeBytes: 10, sha256: 'a'.repeat(64) },
    { path: 'audit-report.pdf', sizeBytes: 10, sha256: 'b'.repeat(64) },
  ],
  changes: null,
  downloadUrl: `/api/audits/${audit.id}/response-submissions/${n}/package.zip`,
  verificationUrl: `/api/audits/${audit.id}/response-submissions/${n}/verification`,
  certification: null,
  ...extra,
});

const checklist = (extra: Partial<SubmissionChecklist> = {}): SubmissionChecklist => ({
  ready: true,
  canSubmit: true,
  nextVersion: 3,
  missingDispositions: [],
  unapprovedAnswers: [],
  evidenceCount: 2,
  ...extra,
});

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/response-submissions', () => ({
    canCertify: false,
    items: [
      version(2, {
        note: 'Supplement',
        changes: [
          {
            requestId: 'r2',
            ordinal: 2,
            title: 'API keys',
            change: 'CHANGED',
            disposition: { before: 'OBJECT', after: 'COMPLY_IN_PART' },
            responseText: null,
            objectionsAdded: [],
            objectionsRemoved: ['The request is overbroad.'],
            subjectChanges: [
              {
                subjectId: 's1',
                subjectName: 'Search app',
                disposition: { before: null, after: 'NOT_APPLICABLE' },
                responseText: { before: null, after: 'Never licensed.' },
              },
            ],
          },
        ],
      }),
      version(1),
    ],
  }));
  fakeApi.on('GET /api/audits/{auditId}/response-submissions/checklist', () => checklist());
});

/**
 * Buttons and links whose accessible name does not start with their visible label (WCAG 2.5.3,
 * label in name): a person who says what they see ("click Certify") must reach them.
 */
const labelsNotStartingTheirName = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('button[aria-label], a[aria-label]')]
    .map((el) => ({ label: el.textContent?.trim() ?? '', name: el.getAttribute('aria-label') ?? '' }))
    .filter(({ label, name }) => label !== '' && !name.toLowerCase().startsWith(label.toLowerCase()))
    .map(({ label, name }) => `"${label}" is named "${name}"`);

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

describe('submitted versions', () => {
  it('lists each version: when in the user’s zone, who, the SHA-256, the download and the diff per request', async () => {
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    const second = await screen.findByRole('article', { name: 'Version 2' });
    // 13:30 UTC is 14:30 in London in June.
    expect(second).toHaveTextContent('Submitted Jun 1, 2026, 2:30 PM GMT+1 by Lena Lead');
    expect(second).toHaveTextContent('Supplement');
    expect(within(second).getByText(SHA2).tagName).toBe('CODE');
    expect(within(second).getByRole('button', { name: 'Copy the SHA-256 of version 2' })).toBeInTheDocument();
    expect(within(second).getByRole('link', { name: 'Download ZIP: version 2' })).toHaveAttribute(
      'href',
      `/api/audits/${audit.id}/response-submissions/2/package.zip`,
    );
    const changes = within(second).getByRole('list', { name: 'Changes in version 2' });
    expect(changes).toHaveTextContent('Request No. 2: API keys');
    expect(changes).toHaveTextContent('Disposition: Objects → Will comply in part');
    expect(changes).toHaveTextContent('Objection withdrawn: The request is overbroad.');
    expect(changes).toHaveTextContent('As to Search app: as the request → Not applicable; response text changed');
    const first = screen.getByRole('article', { name: 'Version 1' });
    expect(within(first).queryByRole('list', { name: /Changes/ })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('verifies a version and names the file that no longer matches', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/audits/{auditId}/response-submissions/{version}/verification', () => ({
      version: 1,
      result: 'MISMATCH',
      checkedAt: '2026-06-02T09:00:00.000Z',
      filesChecked: 5,
      differences: [
        { path: '(package ZIP)', result: 'MISMATCH', expectedSha256: SHA1, actualSha256: 'f'.repeat(64) },
        {
          path: 'response-letter.pdf',
          result: 'MISMATCH',
          expectedSha256: 'a'.repeat(64),
          actualSha256: 'e'.repeat(64),
        },
      ],
    }));
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Verify version 1' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Version 1: the package no longer matches');
    expect(alert).toHaveTextContent('The package ZIP itself: its content has changed');
    expect(alert).toHaveTextContent('response-letter.pdf: its content has changed');
    // The card may read other things meanwhile: the verification asked for is the one of version 1.
    const verifications = fakeApi.calls.filter((c) => c.path.endsWith('/verification'));
    expect(verifications).toHaveLength(1);
    expect(verifications[0]).toMatchObject({ params: { path: { version: 1 } } });
  });

  it('shows the checklist and refuses to submit while a request has no disposition', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/audits/{auditId}/response-submissions/checklist', () =>
      checklist({
        ready: false,
        missingDispositions: [{ requestId: 'r3', ordinal: 3, title: 'Deployment records' }],
        unapprovedAnswers: [
          {
            requestId: 'r1',
            ordinal: 1,
            title: 'Licences',
            responseId: 'x1',
            subjectName: 'Analytics app',
            status: 'IN_REVIEW',
          },
        ],
      }),
    );
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Submit response…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit the response as version 3' });
    expect(await within(dialog).findByText('Request No. 3: Deployment records')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Request No. 1: Licences — Analytics app (In review)');
    expect(within(dialog).getByRole('button', { name: 'Submit response' })).toBeDisabled();
    expect(await axeViolations()).toEqual([]);
  });

  it('submits with a note after a confirmation that says it cannot be undone', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/response-submissions', () => version(3));
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Submit response…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit the response as version 3' });
    expect(await within(dialog).findByText(/cannot be changed or withdrawn/)).toBeInTheDocument();
    expect(dialog).toHaveTextContent('2 evidence files');
    await user.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'After the call');
    await user.click(within(dialog).getByRole('button', { name: 'Submit response' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: '/api/audits/{auditId}/response-submissions',
          body: { note: 'After the call' },
        }),
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers submitting to lead counsel only', async () => {
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit: auditFixture({ myRole: 'COUNSEL' }) });
    await screen.findByRole('article', { name: 'Version 2' });
    expect(screen.queryByRole('button', { name: /Submit response/ })).toBeNull();
  });
});

describe('officer certification', () => {
  const certified = {
    method: 'ELECTRONIC' as const,
    certifiedAt: '2026-06-03T08:15:00.000Z',
    signer: { id: ada.id, name: ada.name },
    signerName: 'Ada Lovelace',
    signerTitle: 'Chief Executive Officer',
    signerEntity: 'Acme Corp.',
    clientAddress: '203.0.113.9',
    packageSha256: SHA1,
    text: 'I, Ada Lovelace, ...',
    certificateSha256: 'c'.repeat(64),
    certificateUrl: `/api/audits/${audit.id}/response-submissions/1/certificate.pdf`,
    scan: null,
  };

  beforeEach(() => {
    fakeApi.on('GET /api/audits/{auditId}/response-submissions', () => ({
      canCertify: true,
      items: [version(2), version(1, { certification: certified })],
    }));
  });

  it('shows a certified version: who, when in the user’s zone, the hash certified and the certificate', async () => {
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    const first = await screen.findByRole('article', { name: 'Version 1' });
    const section = within(first).getByRole('region', { name: 'Certified' });
    // 08:15 UTC is 09:15 in London in June.
    expect(section).toHaveTextContent(
      'By Ada Lovelace, Chief Executive Officer, Acme Corp., on Jun 3, 2026, 9:15 AM GMT+1',
    );
    expect(section).toHaveTextContent('Signed electronically');
    expect(within(section).getByText(SHA1).tagName).toBe('CODE');
    expect(within(section).getByRole('link', { name: 'Download certificate: version 1 (PDF)' })).toHaveAttribute(
      'href',
      certified.certificateUrl,
    );
    expect(within(first).queryByRole('button', { name: 'Certify… version 1' })).toBeNull();
    expect(within(section).queryByRole('link', { name: /signed scan/ })).toBeNull();
    const second = screen.getByRole('article', { name: 'Version 2' });
    expect(second).toHaveTextContent('Not certified by an officer yet.');
    expect(within(second).getByRole('button', { name: 'Upload signed scan… version 2' })).toBeInTheDocument();
    expect(within(second).getByRole('button', { name: 'Certify… version 2' })).toHaveTextContent('Certify…');
    expect(labelsNotStartingTheirName(document.body)).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  });

  it('offers the signed scan of a hand-signed certification for download beside the certificate', async () => {
    const scanUrl = `/api/audits/${audit.id}/response-submissions/1/certification/scan`;
    fakeApi.on('GET /api/audits/{auditId}/response-submissions', () => ({
      canCertify: true,
      items: [
        version(1, {
          certification: {
            ...certified,
            method: 'WET_SIGNATURE' as const,
            clientAddress: null,
            scan: {
              fileName: 'signed.pdf',
              mediaType: 'application/pdf',
              sizeBytes: 2048,
              sha256: 'd'.repeat(64),
              url: scanUrl,
            },
          },
        }),
      ],
    }));
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    const first = await screen.findByRole('article', { name: 'Version 1' });
    const section = within(first).getByRole('region', { name: 'Certified' });
    expect(section).toHaveTextContent('Signed by hand (scan)');
    const link = within(section).getByRole('link', { name: 'Download signed scan: version 1 (signed.pdf)' });
    expect(link).toHaveAttribute('href', scanUrl);
    expect(link).toHaveTextContent('Download signed scan');
    expect(within(section).getByRole('link', { name: 'Download certificate: version 1 (PDF)' })).toBeInTheDocument();
    expect(labelsNotStartingTheirName(document.body)).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  });

  it('prefills the signer, previews the text with the hash, and signs with the password after confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/response-submissions/{version}/certification', () => ({
      ...certified,
      packageSha256: SHA2,
    }));
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Certify… version 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Certify version 2' });
    expect(within(dialog).getByRole('textbox', { name: 'Signer’s name' })).toHaveValue('Ada Lovelace');
    expect(within(dialog).getByRole('textbox', { name: /Signing for/ })).toHaveValue(audit.respondingParty);
    const sign = within(dialog).getByRole('button', { name: 'Sign and certify' });
    expect(sign).toBeDisabled();

    await user.type(within(dialog).getByRole('textbox', { name: /Signer’s title/ }), 'Chief Executive Officer');
    const preview = within(dialog).getByRole('document', { name: 'The certification' });
    expect(preview).toHaveTextContent(
      `I, Ada Lovelace, Chief Executive Officer of ${audit.respondingParty}, am authorised`,
    );
    expect(preview).toHaveTextContent(`version 2 in the audit ${audit.referenceCode}`);
    expect(preview).toHaveTextContent(SHA2);
    await user.type(within(dialog).getByLabelText(/Your password/), 'correct horse');
    expect(sign).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: /I have read the certification/ }));
    expect(sign).toBeEnabled();
    expect(await axeViolations()).toEqual([]);

    await user.click(sign);
    await waitFor(() =>
      expect(fakeApi.writes()).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: '/api/audits/{auditId}/response-submissions/{version}/certification',
          params: { path: { auditId: audit.id, version: 2 } },
          body: {
            signerName: 'Ada Lovelace',
            signerTitle: 'Chief Executive Officer',
            signerEntity: audit.respondingParty,
            password: 'correct horse',
          },
        }),
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("prefills the signer's title from the letter's details when the letter's signer is the one signing, editable", async () => {
    const user = userEvent.setup({ delay: null });
    const letter = (signerName: string | null) => ({
      signerName,
      signerTitle: 'Lead Counsel',
      defaultSignerName: ada.name,
    });
    let draft = { letter: letter(null) };
    fakeApi.on('GET /api/audits/{auditId}/response-draft', () => draft);
    const { unmount } = renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Certify… version 2' }));
    let dialog = await screen.findByRole('dialog', { name: 'Certify version 2' });
    const title = () => within(dialog).getByRole('textbox', { name: /Signer’s title/ });
    await waitFor(() => expect(title()).toHaveValue('Lead Counsel'));
    expect(within(dialog).getByRole('document', { name: 'The certification' })).toHaveTextContent(
      `I, Ada Lovelace, Lead Counsel of ${audit.respondingParty}`,
    );
    await user.clear(title());
    await user.type(title(), 'General Counsel');
    expect(title()).toHaveValue('General Counsel');
    unmount();

    // The letter is signed by someone else: their title is not put in the signer's mouth.
    draft = { letter: letter('Daniel Okafor') };
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Certify… version 2' }));
    dialog = await screen.findByRole('dialog', { name: 'Certify version 2' });
    await waitFor(() =>
      expect(fakeApi.calls.filter((c) => c.path === '/api/audits/{auditId}/response-draft')).toHaveLength(2),
    );
    expect(title()).toHaveValue('');
  });

  it('keeps the dialog open and says so at the password when it is wrong', async () => {
    const user = userEvent.setup({ delay: null });
    const message = 'The password is not correct: the certification was not signed.';
    fakeApi.on('POST /api/audits/{auditId}/response-submissions/{version}/certification', () => {
      throw new FakeProblem(403, {
        code: 'FORBIDDEN',
        detail: message,
        errors: [{ field: 'password', message }],
      });
    });
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Certify… version 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Certify version 2' });
    await user.type(within(dialog).getByRole('textbox', { name: /Signer’s title/ }), 'CEO');
    await user.type(within(dialog).getByLabelText(/Your password/), 'wrong');
    await user.click(within(dialog).getByRole('checkbox', { name: /I have read the certification/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Sign and certify' }));
    expect(await within(dialog).findByText('The version was not certified')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/Your password/)).toHaveAccessibleDescription(
      expect.stringContaining('The password is not correct: the certification was not signed'),
    );
  });

  it('offers certifying only to the member with the signer role', async () => {
    fakeApi.on('GET /api/audits/{auditId}/response-submissions', () => ({ canCertify: false, items: [version(1)] }));
    renderInAudit(<ResponseSubmissionsCard />, { me: ada, audit });
    await screen.findByRole('article', { name: 'Version 1' });
    expect(screen.queryByRole('button', { name: /Certify… version/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Upload signed scan/ })).toBeNull();
  });
});
