import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { notifications } from '@mantine/notifications';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestImportResult, SubjectImportResult } from '../../api/queries';
import { fakeApi, FakeProblem, page } from '../../test/fake-api';
import { ada, auditFixture } from '../../test/fixtures';
import { renderInAudit } from '../../test/render';
import { RequestsCard } from './RequestsCard';
import { SubjectsCard } from './SubjectsCard';

vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  api: (await import('../../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture();

/** Mantine's FileInput is a labelled button over a hidden file input, which receives the file. */
const fileInput = (dialog: HTMLElement) => dialog.querySelector<HTMLInputElement>('input[type="file"]')!;

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

const LETTER = 'Dear Ms Okafor,\n\n1. A list of every product.\n2. Monthly users.\n3. Agreements with third parties.';

const preview = (dryRun: boolean): RequestImportResult => ({
  dryRun,
  source: 'paste',
  ignoredPreamble: 'Dear Ms Okafor,',
  ignoredClosing: null,
  counts: { created: 2, updated: 0, unchanged: 0, refused: 1 },
  rows: [
    {
      row: 1,
      ordinal: 1,
      title: 'A list of every product',
      text: 'A list of every product.',
      provisionReference: null,
      subjectNames: [],
      outcome: 'created',
      reason: null,
      requestId: null,
    },
    {
      row: 2,
      ordinal: 2,
      title: 'Monthly users',
      text: 'Monthly users.',
      provisionReference: '9.9',
      subjectNames: ['Atlas Web'],
      outcome: 'refused',
      reason: 'Row 2: the provision "9.9" is not in this audit.',
      requestId: null,
    },
    {
      row: 3,
      ordinal: 3,
      title: 'Agreements with third parties',
      text: 'Agreements with third parties.',
      provisionReference: null,
      subjectNames: [],
      outcome: 'created',
      reason: null,
      requestId: null,
    },
  ],
});

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/subjects', () => page([]));
  fakeApi.on('GET /api/audits/{auditId}/requests', () => page([]));
  fakeApi.on('GET /api/audits/{auditId}/provisions', () => page([]));
  fakeApi.on('GET /api/audits/{auditId}/members', () => page([]));
});

describe('Import requests', () => {
  it('previews a pasted letter (nothing written), shows refused rows with why, then imports the rows it can', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/requests/import', ({ params }) => preview(params?.query?.dryRun === true));
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Import requests' }));
    const dialog = screen.getByRole('dialog', { name: 'Import requests' });
    expect(within(dialog).getByRole('button', { name: 'Import 0 requests' })).toBeDisabled();

    await user.click(within(dialog).getByLabelText(/^Text of the letter/));
    await user.paste(LETTER);
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));

    const table = await within(dialog).findByRole('table', { name: 'Preview of the import' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['1', '1', 'A list of every productA list of every product.', '—', 'Every subject', 'New'],
      [
        '2',
        '2',
        'Monthly usersMonthly users.',
        '9.9',
        'Atlas Web',
        'RefusedRow 2: the provision "9.9" is not in this audit.',
      ],
      ['3', '3', 'Agreements with third partiesAgreements with third parties.', '—', 'Every subject', 'New'],
    ]);
    expect(within(dialog).getByText('Left out: the text before the first item')).toBeInTheDocument();
    expect(within(dialog).getByText(/2 new, 0 to update, 0 unchanged, 1 refused\./)).toBeInTheDocument();
    expect(fakeApi.writes()).toEqual([
      expect.objectContaining({
        params: { path: { auditId: audit.id }, query: { dryRun: true } },
        body: { text: LETTER },
      }),
    ]);

    await user.click(within(dialog).getByRole('button', { name: 'Import 2 requests' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes()[1]).toMatchObject({ params: { query: { dryRun: false } }, body: { text: LETTER } });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Import requests' })).toBeNull());
  });

  it('asks for a new preview once the text is edited (to split or join items), and shows why a preview failed', async () => {
    const user = userEvent.setup({ delay: null });
    let calls = 0;
    fakeApi.on('POST /api/audits/{auditId}/requests/import', () => {
      calls++;
      if (calls === 1) return preview(true);
      throw new FakeProblem(400, {
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'No numbered items were found in the text.',
        errors: [{ field: 'text', message: 'No numbered items were found in the text.' }],
      });
    });
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Import requests' }));
    const dialog = screen.getByRole('dialog', { name: 'Import requests' });
    const text = within(dialog).getByLabelText(/^Text of the letter/);
    await user.click(text);
    await user.paste(LETTER);
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await within(dialog).findByRole('table', { name: 'Preview of the import' });

    await user.type(text, ' more');
    expect(within(dialog).queryByRole('table', { name: 'Preview of the import' })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Import 0 requests' })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect(await within(dialog).findByText('No numbered items were found in the text.')).toBeInTheDocument();
  });

  it('uploads a file for the preview and offers the templates', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/requests/import', () => ({ ...preview(true), source: 'csv' }));
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Import requests' }));
    const dialog = screen.getByRole('dialog', { name: 'Import requests' });
    await user.click(within(dialog).getByRole('radio', { name: 'Upload CSV or Excel' }));
    expect(within(dialog).getByRole('link', { name: 'Excel' })).toHaveAttribute(
      'href',
      `/api/audits/${audit.id}/requests/import-template?format=xlsx`,
    );
    const file = new File(['Ordinal,Text\r\n1,A list\r\n'], 'requests.csv', { type: 'text/csv' });
    expect(within(dialog).getByRole('button', { name: /^Request list/ })).toBeInTheDocument();
    await user.upload(fileInput(dialog), file);
    await within(dialog).findByRole('table', { name: 'Preview of the import' });
    expect(fakeApi.writes()[0]).toMatchObject({ params: { query: { dryRun: true } }, body: { file } });
    expect(within(dialog).getByRole('columnheader', { name: 'Row' })).toBeInTheDocument();
    // A file may name each request's form template (its Form column).
    expect(within(dialog).getByRole('columnheader', { name: 'Form' })).toBeInTheDocument();

    // The picker's clear button is an icon, named for screen readers.
    expect(within(dialog).getByRole('button', { name: 'Remove the chosen file' })).toBeInTheDocument();
    // The preview scrolls in its own box, and no row holds a control: the box itself is a Tab
    // stop, so the keyboard can scroll it.
    const rows = within(dialog).getByRole('region', { name: 'Preview of the import, scrollable' });
    expect(rows).toHaveAttribute('tabindex', '0');
    expect(within(rows).getByRole('table', { name: 'Preview of the import' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Remove the chosen file' }));
    expect(within(dialog).queryByRole('table', { name: 'Preview of the import' })).toBeNull();
  });
});

describe('Import subjects', () => {
  it('previews the file, shows refused owners, and imports the others', async () => {
    const user = userEvent.setup({ delay: null });
    const result = (dryRun: boolean): SubjectImportResult => ({
      dryRun,
      source: 'xlsx',
      counts: { created: 1, updated: 1, unchanged: 0, refused: 1 },
      rows: [
        {
          row: 2,
          name: 'Atlas Web',
          product: 'Atlas',
          ownerEmail: 'kenji@x.example',
          outcome: 'updated',
          reason: null,
          subjectId: 's1',
          responsesReassigned: 2,
        },
        {
          row: 3,
          name: 'Atlas TV',
          product: null,
          ownerEmail: null,
          outcome: 'created',
          reason: null,
          subjectId: null,
          responsesReassigned: 0,
        },
        {
          row: 4,
          name: 'Atlas Car',
          product: null,
          ownerEmail: 'nobody@example.com',
          outcome: 'refused',
          reason: 'Row 4: the owner nobody@example.com must be a member of this audit whose account is active.',
          subjectId: null,
          responsesReassigned: 0,
        },
      ],
    });
    fakeApi.on('POST /api/audits/{auditId}/subjects/import', ({ params }) => result(params?.query?.dryRun === true));
    // Atlas Web is Sofia's now: the row giving it to Kenji says whose place he takes.
    const sofia = { id: 'u-sofia', name: 'Sofia Lindqvist' };
    fakeApi.on('GET /api/audits/{auditId}/subjects', () =>
      page([{ id: 's1', name: 'Atlas Web', position: 1, product: 'Atlas', description: null, owner: sofia }]),
    );
    fakeApi.on('GET /api/audits/{auditId}/members', () =>
      page([
        {
          userId: sofia.id,
          name: sofia.name,
          email: 'Sofia@x.example',
          timeZone: 'UTC',
          role: 'CONTRIBUTOR',
          state: 'ACTIVE',
          canCertify: false,
          addedAt: '',
        },
      ]),
    );
    const shown = vi.spyOn(notifications, 'show');
    renderInAudit(<SubjectsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Import subjects' }));
    const dialog = screen.getByRole('dialog', { name: 'Import subjects' });
    const file = new File(['x'], 'subjects.xlsx');
    expect(within(dialog).getByRole('button', { name: /^Subject list/ })).toBeInTheDocument();
    await user.upload(fileInput(dialog), file);
    expect(
      await within(dialog).findByText(
        'Row 4: the owner nobody@example.com must be a member of this audit whose account is active.',
      ),
    ).toBeInTheDocument();
    // A new owner takes over the subject's open work: the preview says how much.
    expect(within(dialog).getByText('2 open responses will be assigned to them')).toBeInTheDocument();
    expect(within(dialog).getByText('was Sofia Lindqvist')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Import 2 subjects' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes().map((w) => [w.path, w.params?.query, w.body])).toEqual([
      ['/api/audits/{auditId}/subjects/import', { dryRun: true }, { file }],
      ['/api/audits/{auditId}/subjects/import', { dryRun: false }, { file }],
    ]);
    expect(shown).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Subjects imported',
        message: "1 new, 1 updated, 1 refused. 2 open responses assigned to their subject's new owner.",
      }),
    );
  });
});
