import { screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEvent, Member } from '../api/client';
import { fakeApi, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { actionOptions, ActivityPage, ENTITY_TYPE_OPTIONS } from './ActivityPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

describe('the activity filters', () => {
  it('offer every entity type an audit history holds, by its label', () => {
    expect(ENTITY_TYPE_OPTIONS.map((option) => option.label)).toEqual([
      'Audit',
      'Member',
      'Provision',
      'Subject',
      'Request',
      'Response',
      'Comment',
      'Evidence',
      'Source document',
      'Correspondence',
      'Invitation',
      'Extension',
      'Reminder',
      'Report',
      'Disposition',
      'Response letter',
      'Production',
      'Release to the other side',
      'Submitted response',
      'Privilege log entry',
      'Redaction',
      // Inviting someone new into the audit creates their account, recorded in the audit.
      'User',
    ]);
    expect(actionOptions('user')).toEqual([{ value: 'invited', label: 'Invited' }]);
  });

  it('offer the actions recorded for the chosen entity type, and every action for none', () => {
    expect(actionOptions('response')).toEqual([
      { value: 'created', label: 'Created' },
      { value: 'updated', label: 'Updated' },
      { value: 'status_changed', label: 'Status changed' },
    ]);
    const any = actionOptions(null).map((option) => option.value);
    expect(any).toEqual(expect.arrayContaining(['role_changed', 'integrity_failed', 'legal_hold_placed', 'granted']));
    expect(new Set(any).size).toBe(any.length);
    // Account events never appear in an audit's history, so their actions are not offered.
    expect(any).not.toContain('logged_in');
  });
});

const audit = auditFixture({ status: 'OPEN' });
const helen = { id: 'b0000000-0000-4000-8000-000000000002', name: 'Helen Byrne' };
const kenji = { id: 'b0000000-0000-4000-8000-000000000003', name: 'Kenji Watanabe' };
const member = (userId: string, name: string): Member => ({
  userId,
  name,
  email: `${name.split(' ')[0].toLowerCase()}@x.example`,
  timeZone: 'UTC',
  role: 'COUNSEL',
  state: 'ACTIVE',
  canCertify: false,
  addedAt: '',
});
type Recorded = Record<string, { before: unknown; after: unknown; label?: string }>;
const event = (
  id: string,
  { changes, ...extra }: Partial<Omit<ActivityEvent, 'changes'>> & { changes?: Recorded },
): ActivityEvent => ({
  id,
  occurredAt: '2026-05-26T15:30:00.000Z',
  actor: { id: kenji.id, name: kenji.name },
  entityType: 'response',
  entityId: 'c0000000-0000-4000-8000-000000000001',
  action: 'updated',
  subject: { id: 's1', name: 'Xbox One Social' },
  request: { id: 'r1', ordinal: 3, title: 'Data held' },
  people: [],
  ...extra,
  // The API types a change's values as unknown, which the generated schema spells as an empty object.
  changes: (changes ?? null) as ActivityEvent['changes'],
});

describe('the activity log', () => {
  beforeEach(() => {
    fakeApi.reset();
    fakeApi.on('GET /api/audits/{auditId}/members', () => page([member(kenji.id, kenji.name)]));
    fakeApi.on('GET /api/audits/{auditId}/activity', () =>
      page([
        event('2', {
          action: 'status_changed',
          changes: {
            status: { before: 'IN_REVIEW', after: 'APPROVED' },
            approvedAt: { before: null, after: '2026-05-26T15:30:00.000Z' },
            // Helen has left the audit since: the API still names her.
            approvedById: { before: null, after: helen.id },
            statusReason: { before: null, after: 'Checked against the 2022 logs' },
          },
          people: [helen],
        }),
        event('1', { changes: { answer: { before: 'Public posts only.', after: 'Public  posts\nonly. ' } } }),
      ]),
    );
  });

  it('names fields by their labels and people by their names, with times in the reader zone', async () => {
    renderInAudit(<ActivityPage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Audit history' });
    const [, approval] = within(table).getAllByRole('row');
    expect(approval).toHaveTextContent('Approved by: — → Helen Byrne');
    // Ada reads London time.
    expect(approval).toHaveTextContent('Approved at: — → May 26, 2026, 4:30 PM GMT+1');
    expect(approval).toHaveTextContent('Reason given: — → Checked against the 2022 logs');
    expect(approval).toHaveTextContent('Status: In review → Approved');
    expect(table).not.toHaveTextContent(/IN_REVIEW|APPROVED/);
    expect(table).not.toHaveTextContent(/approvedById|approvedAt|statusReason/);
    expect(table).not.toHaveTextContent(helen.id);
  });

  it('reads recorded codes as the app shows them: an audit status, a kind of evidence, a size, the responses it backs', async () => {
    fakeApi.on('GET /api/audits/{auditId}/activity', () =>
      page([
        event('4', {
          entityType: 'evidence',
          action: 'uploaded',
          subject: null,
          request: null,
          changes: {
            kind: { before: null, after: 'FILE' },
            sizeBytes: { before: null, after: 2048 },
            responseIds: { before: null, after: ['c0000000-0000-4000-8000-000000000001'] },
          },
        }),
        event('3', {
          entityType: 'audit',
          action: 'status_changed',
          subject: null,
          request: null,
          changes: { status: { before: 'OPEN', after: 'SUBMITTED' } },
        }),
      ]),
    );
    renderInAudit(<ActivityPage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Audit history' });
    const [, upload, submitted] = within(table).getAllByRole('row');
    expect(upload).toHaveTextContent('Kind: — → File');
    expect(upload).toHaveTextContent('Size: — → 2.0 KB');
    expect(upload).toHaveTextContent('Responses: — → 1 response');
    expect(submitted).toHaveTextContent('Status: Open → Submitted');
    expect(table).not.toHaveTextContent(/FILE|SUBMITTED|a record/);
  });

  it('reads the download of a certificate and a signed scan, and a removed attachment, in plain words', async () => {
    fakeApi.on('GET /api/audits/{auditId}/activity', () =>
      page([
        event('3', {
          entityType: 'correspondence',
          action: 'attachment_removed',
          subject: null,
          request: null,
          changes: { title: { before: 'Notes', after: null } },
        }),
        event('2', {
          entityType: 'response_submission',
          action: 'scan_downloaded',
          subject: null,
          request: null,
          changes: { version: { before: null, after: 2 }, scanSha256: { before: null, after: 'd'.repeat(64) } },
        }),
        event('1', {
          entityType: 'response_submission',
          action: 'certificate_downloaded',
          subject: null,
          request: null,
          changes: { certificateSha256: { before: null, after: 'c'.repeat(64) } },
        }),
      ]),
    );
    renderInAudit(<ActivityPage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Audit history' });
    const [, removed, scan, certificate] = within(table).getAllByRole('row');
    expect(removed).toHaveTextContent('Attachment removed');
    expect(removed).toHaveTextContent('Title: Notes → —');
    expect(scan).toHaveTextContent('Signed scan downloaded');
    expect(scan).toHaveTextContent(`Signed scan SHA-256: — → ${'d'.repeat(64)}`);
    expect(certificate).toHaveTextContent('Certificate downloaded');
    expect(certificate).toHaveTextContent('Certificate SHA-256');
    expect(table).not.toHaveTextContent(/scan_downloaded|certificate_downloaded|attachment_removed|scanSha256/);
  });

  it('says which subject and request each line is about, and calls a whitespace-only edit so', async () => {
    renderInAudit(<ActivityPage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Audit history' });
    const [, approval, edit] = within(table).getAllByRole('row');
    expect(approval).toHaveTextContent('Xbox One Social · Request 3: Data held');
    expect(edit).toHaveTextContent('Answer: whitespace changed');
    expect(edit).not.toHaveTextContent('Public posts only. →');
  });

  it("names a form field's change by the form's label, values as they read", async () => {
    fakeApi.on('GET /api/audits/{auditId}/activity', () =>
      page([
        event('4', {
          changes: {
            'formValues.volume': { before: '1,000 records', after: '1,200 records', label: 'Volume held' },
          },
        }),
      ]),
    );
    renderInAudit(<ActivityPage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Audit history' });
    const [, edit] = within(table).getAllByRole('row');
    expect(edit).toHaveTextContent('Volume held: 1,000 records → 1,200 records');
    expect(edit).not.toHaveTextContent('formValues');
  });

  it('shows the days a copied audit records as days, never shifted by the reader zone, and names its source', async () => {
    fakeApi.on('GET /api/audits/{auditId}/activity', () =>
      page([
        event('5', {
          entityType: 'audit',
          action: 'copied',
          subject: null,
          request: null,
          changes: {
            copiedFrom: { before: null, after: 'Twitter audit (TWTR-2023-05)' },
            copiedFromAuditId: { before: null, after: '2d295820-4992-41d9-bfb4-7bc6019bbd27' },
            // Days the API records as their midnight UTC.
            letterDate: { before: null, after: '2026-11-20T00:00:00.000Z' },
            receivedOn: { before: null, after: '2026-11-21T00:00:00.000Z' },
            responseDeadline: { before: null, after: '2026-12-18T22:00:00.000Z' },
            responses: { before: null, after: 48 },
          },
        }),
      ]),
    );
    // West of UTC, where midnight UTC is still the evening before.
    renderInAudit(<ActivityPage />, { me: { ...ada, timeZone: 'America/New_York' }, audit });
    const table = await screen.findByRole('table', { name: 'Audit history' });
    const [, copied] = within(table).getAllByRole('row');
    expect(copied).toHaveTextContent('Letter dated: — → Fri, Nov 20, 2026');
    expect(copied).toHaveTextContent('Received on: — → Sat, Nov 21, 2026');
    expect(copied).toHaveTextContent('Deadline date: — → Dec 18, 2026, 5:00 PM EST');
    expect(copied).toHaveTextContent('Copied from: — → Twitter audit (TWTR-2023-05)');
    expect(copied).not.toHaveTextContent(/Nov 19|a record|Copied from audit/);
  });

  it('reads dispositions, objections, extension decisions, checks and certifications in words, never codes or JSON', async () => {
    fakeApi.on('GET /api/audits/{auditId}/activity', () =>
      page([
        event('6', {
          entityType: 'disposition',
          request: { id: 'r1', ordinal: 3, title: 'Data held' },
          subject: null,
          changes: {
            disposition: { before: 'COMPLY_IN_PART', after: 'NOT_APPLICABLE' },
            objections: {
              before: [{ note: null, objectionId: '3d3db7ab-e752-4c2b-93f0-1b7fb3a5d7fe', provisionId: null }],
              after: [
                {
                  objectionId: '3d3db7ab-e752-4c2b-93f0-1b7fb3a5d7fe',
                  title: 'Overbroad',
                  provisionId: 'c0000000-0000-4000-8000-000000000009',
                  provision: 'II.D',
                  note: 'Reaches every app',
                },
              ],
            },
          },
        }),
        event('5', {
          entityType: 'extension',
          action: 'granted',
          subject: null,
          request: null,
          changes: {
            status: { before: 'REQUESTED', after: 'GRANTED' },
            decidedOn: { before: null, after: '2026-12-03' },
          },
        }),
        event('4', {
          entityType: 'evidence',
          action: 'integrity_verified',
          subject: null,
          request: null,
          changes: { result: { before: null, after: 'MATCH' }, range: { before: null, after: null } },
        }),
        event('3', {
          entityType: 'response_submission',
          action: 'certified',
          subject: null,
          request: null,
          changes: {
            method: { before: null, after: 'ELECTRONIC' },
            clientAddress: { before: null, after: '::1' },
          },
        }),
      ]),
    );
    renderInAudit(<ActivityPage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Audit history' });
    const [, disposition, extension, check, certification] = within(table).getAllByRole('row');
    expect(disposition).toHaveTextContent('Disposition: Will comply in part → Not applicable');
    expect(disposition).toHaveTextContent(
      'Objections: An objection from the library → Overbroad (citing II.D): Reaches every app',
    );
    expect(extension).toHaveTextContent('Status: Requested → Granted');
    expect(extension).toHaveTextContent('Decided on: — → Thu, Dec 3, 2026');
    expect(check).toHaveTextContent('Result: — → Intact');
    expect(check).toHaveTextContent('Part downloaded: — → Whole file');
    expect(certification).toHaveTextContent('How it was signed: — → Signed electronically');
    expect(certification).toHaveTextContent('Signed from: — → IP address ::1');
    expect(table).not.toHaveTextContent(/[A-Z]+_[A-Z_]+|MATCH|GRANTED|ELECTRONIC|[{}"]/);
  });

  it('scrolls the history sideways in a named region a keyboard can focus, so a phone reaches every column', async () => {
    const { container } = renderInAudit(<ActivityPage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Audit history' });
    const region = screen.getByRole('region', { name: 'Audit history, scrolls sideways' });
    expect(region).toContainElement(table);
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toHaveStyle({ overflowX: 'auto' });
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
