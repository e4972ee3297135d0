import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRequest, GridCell, Subject } from '../../api/client';
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
const kenji = { id: 'u2', name: 'Kenji Watanabe' };
const subjects: Subject[] = [
  { id: 's1', name: 'E-Business Suite', position: 1, product: 'Oracle EBS', description: null, owner: kenji },
  { id: 's2', name: 'Data warehouse', position: 2, product: null, description: null, owner: null },
];
const requests: AuditRequest[] = [
  {
    id: 'r1',
    ordinal: 1,
    title: 'Deployments',
    text: 'List every deployment.',
    provision: null,
    appliesToAll: true,
    subjectIds: [],
    form: null,
  },
  {
    id: 'r2',
    ordinal: 2,
    title: 'Users',
    text: 'Named users.',
    provision: null,
    appliesToAll: false,
    subjectIds: ['s2'],
    form: null,
  },
];

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/subjects', () => page(subjects));
  fakeApi.on('GET /api/audits/{auditId}/requests', () => page(requests));
  fakeApi.on('GET /api/audits/{auditId}/provisions', () =>
    page([{ id: 'p1', reference: '12.3', title: 'Audit', text: null }]),
  );
  fakeApi.on('GET /api/audits/{auditId}/members', () =>
    page([
      { userId: ada.id, name: ada.name, email: ada.email, timeZone: ada.timeZone, role: 'LEAD_COUNSEL', addedAt: '' },
      { userId: kenji.id, name: kenji.name, email: 'k@x.example', timeZone: 'UTC', role: 'CONTRIBUTOR', addedAt: '' },
      { userId: 'u3', name: 'Vera Viewer', email: 'v@x.example', timeZone: 'UTC', role: 'VIEWER', addedAt: '' },
    ]),
  );
});

describe('Subjects', () => {
  it('adds a subject with its owner picked from the members who can work', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/subjects', ({ body }) => ({ id: 's3', position: 3, ...(body as object) }));
    renderInAudit(<SubjectsCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Add subject' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a subject' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Payroll');
    await user.type(within(dialog).getByLabelText(/^Product/), 'PeopleSoft');
    await user.click(within(dialog).getByRole('combobox', { name: /^Owner/ }));
    // A viewer cannot own work: not offered.
    expect(screen.queryByRole('option', { name: 'Vera Viewer' })).toBeNull();
    await user.click(await screen.findByRole('option', { name: 'Kenji Watanabe' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add subject' }));

    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'POST',
      path: '/api/audits/{auditId}/subjects',
      body: { name: 'Payroll', product: 'PeopleSoft', ownerId: kenji.id, description: null },
    });
  });

  it('edits a subject: clearing the product sends null', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}/subjects/{subjectId}', ({ body }) => ({
      ...subjects[0],
      ...(body as object),
    }));
    renderInAudit(<SubjectsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Edit E-Business Suite' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit E-Business Suite' });
    await user.clear(within(dialog).getByLabelText(/^Product/));
    await user.click(within(dialog).getByRole('button', { name: 'Save subject' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      params: { path: { subjectId: 's1' } },
      body: { name: 'E-Business Suite', product: null, ownerId: kenji.id },
    });
  });

  describe("a new owner takes over the subject's open work", () => {
    const ana = { id: 'u4', name: 'Ana Li' };
    const cellOf = (n: number, extra: Partial<GridCell> = {}): GridCell => ({
      id: `s1-r${n}`,
      subject: { id: 's1', name: 'E-Business Suite' },
      request: { id: `r${n}`, ordinal: n, title: `Request ${n}` },
      status: 'IN_PROGRESS',
      assignee: kenji,
      reviewer: null,
      dueDate: null,
      answer: null,
      version: 1,
      overdue: false,
      approvedAt: null,
      approvedBy: null,
      commentCount: 0,
      updatedAt: '2026-05-25T12:00:00Z',
      ...extra,
    });
    // Kenji's two open responses and an unassigned one follow the owner; the approved one, the one
    // given by hand to Ada and the one Ana reviews stay.
    const cells = [
      cellOf(1),
      cellOf(2, { status: 'NOT_STARTED' }),
      cellOf(3, { assignee: null }),
      cellOf(4, { status: 'APPROVED', answer: 'Yes' }),
      cellOf(5, { assignee: { id: ada.id, name: ada.name } }),
      cellOf(6, { reviewer: ana }),
    ];

    beforeEach(() => {
      fakeApi.on('GET /api/audits/{auditId}/members', () =>
        page([
          { userId: ada.id, name: ada.name, email: ada.email, timeZone: 'UTC', role: 'LEAD_COUNSEL', addedAt: '' },
          {
            userId: kenji.id,
            name: kenji.name,
            email: 'k@x.example',
            timeZone: 'UTC',
            role: 'CONTRIBUTOR',
            addedAt: '',
          },
          { userId: ana.id, name: ana.name, email: 'a@x.example', timeZone: 'UTC', role: 'CONTRIBUTOR', addedAt: '' },
        ]),
      );
      fakeApi.on('GET /api/audits/{auditId}/responses', () => page(cells));
      fakeApi.on('PATCH /api/audits/{auditId}/subjects/{subjectId}', () => ({
        ...subjects[0],
        owner: ana,
        responsesReassigned: 3,
        responsesNotReassigned: 1,
      }));
    });

    async function pickAna() {
      const user = userEvent.setup({ delay: null });
      renderInAudit(<SubjectsCard />, { me: ada, audit });
      await user.click(await screen.findByRole('button', { name: 'Edit E-Business Suite' }));
      const dialog = screen.getByRole('dialog', { name: 'Edit E-Business Suite' });
      await user.click(within(dialog).getByRole('combobox', { name: /^Owner/ }));
      await user.click(await screen.findByRole('option', { name: 'Ana Li' }));
      await user.click(within(dialog).getByRole('button', { name: 'Save subject' }));
      return user;
    }

    it('asks first, saying how many responses move, then says what was done', async () => {
      const user = await pickAna();
      const confirm = await screen.findByRole('dialog', {
        name: 'Also assign 3 responses of E-Business Suite to Ana Li?',
      });
      expect(fakeApi.calls).toContainEqual(
        expect.objectContaining({
          method: 'GET',
          params: expect.objectContaining({ query: expect.objectContaining({ subjectId: 's1' }) }),
        }),
      );
      expect(fakeApi.writes()).toEqual([]);
      expect(confirm).toHaveTextContent(
        'Its 3 open responses that are unassigned or still assigned to Kenji Watanabe can be assigned to Ana Li too.',
      );
      expect(confirm).toHaveTextContent(
        "1 response stays as it is: Ana Li reviews it, and a response's reviewer cannot also be its assignee.",
      );

      await user.click(within(confirm).getByRole('button', { name: 'Save and assign' }));
      await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
      expect(fakeApi.writes()[0]).toMatchObject({ method: 'PATCH', body: { ownerId: ana.id } });
      const said = await screen.findByRole('status');
      expect(said).toHaveTextContent('3 responses of E-Business Suite now assigned to Ana Li');
      expect(said).toHaveTextContent(
        "1 response stayed as it was: Ana Li reviews it, and a response's reviewer cannot also be its assignee.",
      );
      expect(screen.queryByRole('dialog')).toBeNull();
    });

    it('changes the owner only when the user says so: the responses keep their assignees', async () => {
      const user = await pickAna();
      const confirm = await screen.findByRole('dialog', { name: /^Also assign 3 responses/ });
      expect(within(confirm).getByRole('radio', { name: 'Assign them to Ana Li' })).toBeChecked();
      await user.click(within(confirm).getByRole('radio', { name: 'Change the owner only: they keep their assignee' }));
      expect(confirm).not.toHaveTextContent('Ana Li reviews it');
      await user.click(within(confirm).getByRole('button', { name: 'Save the owner only' }));
      await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
      expect(fakeApi.writes()[0]).toMatchObject({
        method: 'PATCH',
        body: { ownerId: ana.id, handOverOpenWork: false },
      });
    });

    it('saves nothing when the user cancels the confirmation', async () => {
      const user = await pickAna();
      const confirm = await screen.findByRole('dialog', { name: /^Also assign 3 responses/ });
      await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(screen.queryByRole('dialog', { name: /^Also assign/ })).toBeNull());
      expect(fakeApi.writes()).toEqual([]);
      expect(screen.getByRole('dialog', { name: 'Edit E-Business Suite' })).toBeInTheDocument();
    });
  });

  it('moves a subject up with the keyboard: the whole new order goes in one request', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PUT /api/audits/{auditId}/subjects/order', () => ({ items: [] }));
    renderInAudit(<SubjectsCard />, { me: ada, audit });
    expect(await screen.findByRole('button', { name: 'Move E-Business Suite up' })).toBeDisabled();
    screen.getByRole('button', { name: 'Move Data warehouse up' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({ method: 'PUT', body: { ids: ['s2', 's1'] } });
  });

  it('deletes only after confirmation, and shows plainly why the API refused', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('DELETE /api/audits/{auditId}/subjects/{subjectId}', () => {
      throw new FakeProblem(409, {
        title: 'Conflict',
        code: 'CONFLICT',
        detail: '3 responses of this subject already hold work; it cannot be deleted.',
      });
    });
    renderInAudit(<SubjectsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Delete E-Business Suite' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete E-Business Suite?' });
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Delete subject' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Not deleted');
    expect(alert).toHaveTextContent('3 responses of this subject already hold work; it cannot be deleted.');
    expect(fakeApi.writes()).toMatchObject([{ method: 'DELETE', params: { path: { subjectId: 's1' } } }]);
  });

  it('is read-only for a contributor', async () => {
    renderInAudit(<SubjectsCard />, { me: ada, audit: auditFixture({ myRole: 'CONTRIBUTOR' }) });
    expect(await screen.findByRole('cell', { name: 'E-Business Suite' })).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('Requests', () => {
  it('adds a request that applies to chosen subjects, citing a provision', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/requests', ({ body }) => ({ id: 'r3', ordinal: 3, ...(body as object) }));
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Add request' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a request' });
    await user.type(within(dialog).getByLabelText(/^Title/), 'Processors');
    await user.type(within(dialog).getByLabelText(/^Text of the request/), 'Processor counts per server.');
    await user.click(within(dialog).getByRole('combobox', { name: 'Cited provision' }));
    await user.click(await screen.findByRole('option', { name: '12.3 Audit' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Only the subjects chosen below' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Subjects' }));
    await user.click(await screen.findByRole('option', { name: 'Data warehouse' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add request' }));

    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({
      title: 'Processors',
      text: 'Processor counts per server.',
      provisionId: 'p1',
      appliesToAll: false,
      subjectIds: ['s2'],
    });
  });

  it('moves a request down in one request; a refusal (the list changed meanwhile) is shown', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PUT /api/audits/{auditId}/requests/order', () => {
      throw new FakeProblem(409, {
        code: 'CONFLICT',
        detail: 'The new order must list every one of the requests exactly once. Reload the list and try again.',
      });
    });
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Move request 1 down' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PUT',
      path: '/api/audits/{auditId}/requests/order',
      body: { ids: ['r2', 'r1'] },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The order was not saved');
  });

  it('saves the requests as a template', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/request-templates', ({ body }) => ({
      id: 't1',
      requestCount: 2,
      provisionCount: 0,
      ...(body as object),
    }));
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await screen.findByRole('cell', { name: /Deployments/ });
    await user.click(screen.getByRole('button', { name: 'Save as template' }));
    const dialog = screen.getByRole('dialog', { name: 'Save requests as a template' });
    expect(dialog).toHaveTextContent('The 2 requests of this audit');
    await user.type(within(dialog).getByLabelText(/^Template name/), 'Oracle review');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'POST',
      path: '/api/audits/{auditId}/request-templates',
      body: { name: 'Oracle review', description: null },
    });
  });

  it('shows a refused template name under the field', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits/{auditId}/request-templates', () => {
      throw new FakeProblem(409, {
        code: 'DUPLICATE',
        detail: 'A request template named Oracle review already exists.',
        errors: [{ field: 'name', message: 'A request template named Oracle review already exists.' }],
      });
    });
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await screen.findByRole('cell', { name: /Deployments/ });
    await user.click(screen.getByRole('button', { name: 'Save as template' }));
    const dialog = screen.getByRole('dialog', { name: 'Save requests as a template' });
    await user.type(within(dialog).getByLabelText(/^Template name/), 'Oracle review');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    expect(await within(dialog).findByText(/already exists/)).toBeInTheDocument();
  });

  it('deletes after confirmation; a refusal is shown in the dialog', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('DELETE /api/audits/{auditId}/requests/{requestId}', () => {
      throw new FakeProblem(409, {
        code: 'CONFLICT',
        detail: '1 responses of this request already hold work; it cannot be deleted.',
      });
    });
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'Delete request 2' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete request 2?' });
    expect(dialog).toHaveTextContent('“Users” and its column of the grid are deleted');
    await user.click(within(dialog).getByRole('button', { name: 'Delete request' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('already hold work; it cannot be deleted.');
  });
});
