import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FormComparisonDto } from '../../api/queries/forms';
import { FormComparisonPage } from '../../pages/FormComparisonPage';
import { FakeProblem, fakeApi } from '../../test/fake-api';
import { ada, auditFixture } from '../../test/fixtures';
import { renderInAudit } from '../../test/render';

vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  api: (await import('../../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN' });

const comparison: FormComparisonDto = {
  request: { id: 'req-1', ordinal: 1, title: 'Data held' },
  fields: [
    { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' },
    { key: 'still_held', label: 'Still held', required: false, type: 'YES_NO' },
    {
      key: 'recipients',
      label: 'Recipients',
      required: false,
      type: 'TABLE',
      columns: [
        { key: 'entity', label: 'Entity', type: 'SHORT_TEXT' },
        { key: 'period', label: 'Period', type: 'DATE_RANGE' },
      ],
    },
    { key: 'old', label: 'Old question', required: false, type: 'SHORT_TEXT', retired: true },
  ],
  rows: [
    {
      responseId: 'resp-a',
      subject: { id: 's1', name: 'Xbox One Social' },
      status: 'IN_REVIEW',
      values: {
        volume: 1200,
        still_held: true,
        recipients: [{ entity: 'BKA', period: { from: '2019-01-01', to: '2020-06-30' } }],
        old: 'kept',
      },
      missing: [],
    },
    {
      responseId: 'resp-b',
      subject: { id: 's2', name: 'Skype Share' },
      status: 'IN_PROGRESS',
      values: { still_held: true },
      missing: ['volume'],
    },
    {
      responseId: 'resp-c',
      subject: { id: 's3', name: 'Edge Tweet' },
      status: 'APPROVED',
      values: { volume: 80, still_held: true },
      missing: [],
    },
  ],
  differing: ['volume'],
};

beforeEach(() => fakeApi.reset());

const cellOf = (subject: string, column: number) => {
  const row = screen.getByRole('row', { name: new RegExp(`^${subject}`) });
  return within(row).getAllByRole('cell')[column];
};

describe('comparing one request across subjects', () => {
  it('shows a row per subject and a column per field, with values as they read', async () => {
    fakeApi.on('GET /api/audits/{auditId}/requests/{requestId}/form/comparison', () => comparison);
    renderInAudit(<FormComparisonPage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Answers by subject and field' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Subject', 'Volume * (required)≠Differs', 'Still held', 'Recipients', 'Old questionRemoved']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Xbox One SocialIn review', 'Skype ShareIn progress', 'Edge TweetApproved']);
    expect(cellOf('Xbox One Social', 0)).toHaveTextContent('1,200 records');
    expect(cellOf('Xbox One Social', 1)).toHaveTextContent('Yes');
    expect(cellOf('Xbox One Social', 2)).toHaveTextContent('Entity: BKA; Period: 1 Jan 2019 – 30 Jun 2020');
    expect(cellOf('Xbox One Social', 3)).toHaveTextContent('kept');
    // Each subject links to its response.
    expect(screen.getByRole('link', { name: 'Skype Share' })).toHaveAttribute(
      'href',
      `/audits/${audit.id}/responses/resp-b`,
    );
  });

  it('marks differing fields and empty required entries in words, not only by colour', async () => {
    fakeApi.on('GET /api/audits/{auditId}/requests/{requestId}/form/comparison', () => comparison);
    renderInAudit(<FormComparisonPage />, { me: ada, audit });
    await screen.findByRole('table', { name: 'Answers by subject and field' });
    const headers = screen.getAllByRole('columnheader');
    expect(headers[1]).toHaveTextContent('Differs');
    // All three said yes: no difference there.
    expect(headers[2]).not.toHaveTextContent('Differs');
    expect(cellOf('Skype Share', 0)).toHaveTextContent('Required, not answered');
    expect(cellOf('Edge Tweet', 0)).not.toHaveTextContent('Required');
    expect(cellOf('Edge Tweet', 3)).toHaveTextContent('Not answered');
  });

  it('offers the comparison as a spreadsheet', async () => {
    fakeApi.on('GET /api/audits/{auditId}/requests/{requestId}/form/comparison', () => comparison);
    renderInAudit(<FormComparisonPage />, { me: ada, audit });
    expect(await screen.findByRole('link', { name: 'Download as spreadsheet' })).toHaveAttribute(
      'href',
      `/api/audits/${audit.id}/requests/req-1/form/comparison.xlsx`,
    );
    expect(screen.getByRole('heading', { name: 'Request 1: Data held' })).toBeInTheDocument();
  });

  it('says so when the request has no form', async () => {
    fakeApi.on('GET /api/audits/{auditId}/requests/{requestId}/form/comparison', () => {
      throw new FakeProblem(404, { status: 404, detail: 'This request has no form.' });
    });
    renderInAudit(<FormComparisonPage />, { me: ada, audit });
    expect(await screen.findByText('This request has no form')).toBeInTheDocument();
  });
});
