import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, FakeProblem, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { CopyAuditModal } from './CopyAuditModal';
import { CreateAuditModal } from './CreateAuditModal';
import { RequestTemplatesCard } from './RequestTemplatesCard';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ myRole: 'LEAD_COUNSEL' });
const template = {
  id: 't1',
  name: 'Oracle review',
  description: 'The usual first letter.',
  createdBy: { id: ada.id, name: ada.name },
  createdAt: '2026-05-01T09:00:00.000Z',
  updatedAt: '2026-05-01T09:00:00.000Z',
  requestCount: 12,
  provisionCount: 3,
};

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/request-templates', () => page([template]));
});

const setDate = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });

describe('Copy as a new audit', () => {
  it('sends the new demand after a confirmation that says what is and is not copied', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/copy', ({ body }) => ({ ...audit, id: 'new', ...(body as object) }));
    renderInAudit(<CopyAuditModal audit={audit} opened onClose={() => {}} />, { me: ada, audit });
    const dialog = screen.getByRole('dialog', { name: 'Copy as a new audit' });
    expect(within(dialog).getByLabelText(/^Demanding party/)).toHaveValue('Oracle America, Inc.');
    await user.clear(within(dialog).getByLabelText(/^Title/));
    await user.type(within(dialog).getByLabelText(/^Title/), 'Second demand');
    await user.type(within(dialog).getByLabelText(/^Reference/), 'ORCL-ACME-2027');
    setDate(within(dialog).getByLabelText(/^Received on/), '2027-01-12');
    setDate(within(dialog).getByLabelText(/^Deadline date/), '2027-02-14');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));

    const confirm = await screen.findByRole('dialog', { name: 'Copy ORCL-ACME-2026 as ORCL-ACME-2027?' });
    expect(confirm).toHaveTextContent('requests (with their citations, subjects and forms;');
    expect(confirm).toHaveTextContent(
      'Answers (form answers included), statuses, comments, evidence, documents, reports and the history stay',
    );
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Copy audit' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'POST',
      path: '/api/audits/{auditId}/copy',
      body: {
        title: 'Second demand',
        referenceCode: 'ORCL-ACME-2027',
        receivedOn: '2027-01-12',
        responseDeadline: '2027-02-14T17:00',
        deadlineTimeZone: audit.deadlineTimeZone,
        demandingParty: 'Oracle America, Inc.',
        respondingParty: 'Acme Corp.',
      },
    });
  });

  it('brings a refused field back to the form, in plain words', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/copy', () => {
      throw new FakeProblem(409, {
        code: 'DUPLICATE',
        detail: 'An audit with reference ORCL-ACME-2026 already exists.',
        errors: [{ field: 'referenceCode', message: 'An audit with reference ORCL-ACME-2026 already exists.' }],
      });
    });
    renderInAudit(<CopyAuditModal audit={audit} opened onClose={() => {}} />, { me: ada, audit });
    const dialog = screen.getByRole('dialog', { name: 'Copy as a new audit' });
    await user.type(within(dialog).getByLabelText(/^Reference/), 'ORCL-ACME-2026');
    setDate(within(dialog).getByLabelText(/^Received on/), '2027-01-12');
    setDate(within(dialog).getByLabelText(/^Deadline date/), '2027-02-14');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: /^Copy ORCL/ })).getByRole('button', { name: 'Copy audit' }),
    );
    const back = await screen.findByRole('dialog', { name: 'Copy as a new audit' });
    expect(await within(back).findByText(/already exists/)).toBeInTheDocument();
  });
});

describe('New audit: start from a template', () => {
  it('offers a blank audit or a template, and sends the chosen template', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits', ({ body }) => ({ ...audit, id: 'new', ...(body as object) }));
    renderInAudit(<CreateAuditModal opened onClose={() => {}} />, { me: ada, audit });
    const dialog = screen.getByRole('dialog', { name: 'New audit' });
    expect(within(dialog).getByRole('combobox', { name: /^Start from/ })).toHaveValue('A blank audit');
    // The templates arrive after the form opens.
    await waitFor(() => expect(fakeApi.calls.map((c) => c.path)).toContain('/api/request-templates'));
    await user.click(within(dialog).getByRole('combobox', { name: /^Start from/ }));
    await user.click(await screen.findByRole('option', { name: /Oracle review \(12 requests\)/ }, { timeout: 5000 }));
    await user.type(within(dialog).getByLabelText(/^Title/), 'Licence audit');
    await user.type(within(dialog).getByLabelText(/^Reference/), 'ORCL-2027');
    await user.type(within(dialog).getByLabelText(/^Demanding party/), 'Oracle');
    await user.type(within(dialog).getByLabelText(/^Responding party/), 'Acme');
    await user.type(within(dialog).getByLabelText(/^Agreement(\s*\*)?$/), 'OMA');
    setDate(within(dialog).getByLabelText(/^Received on/), '2027-01-12');
    setDate(within(dialog).getByLabelText(/^Deadline date/), '2027-02-14');
    await user.click(within(dialog).getByRole('button', { name: 'Open audit' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({ method: 'POST', path: '/api/audits', body: { templateId: 't1' } });
  });
});

describe('Request templates', () => {
  it('deletes a template only after confirmation, and shows why the API refused', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('DELETE /api/request-templates/{templateId}', () => {
      throw new FakeProblem(403, {
        code: 'FORBIDDEN',
        detail: 'Only the person who saved this template, or an org admin, may delete it.',
      });
    });
    renderInAudit(<RequestTemplatesCard />, { me: ada, audit });
    expect(await screen.findByRole('cell', { name: /12 requests, 3 provisions/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete Oracle review' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Oracle review?' });
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Delete template' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Only the person who saved this template');
  });

  it('renames a template', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/request-templates/{templateId}', ({ body }) => ({ ...template, ...(body as object) }));
    renderInAudit(<RequestTemplatesCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Rename Oracle review' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename Oracle review' });
    await user.clear(within(dialog).getByLabelText(/^Template name/));
    await user.type(within(dialog).getByLabelText(/^Template name/), 'Oracle review 2027');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      params: { path: { templateId: 't1' } },
      body: { name: 'Oracle review 2027', description: 'The usual first letter.' },
    });
  });
});
