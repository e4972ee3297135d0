import type { FormField } from '@app/domain/audit-forms';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRequest } from '../../api/client';
import type { FormTemplate } from '../../api/queries';
import { fakeApi, FakeProblem, page } from '../../test/fake-api';
import { ada, auditFixture } from '../../test/fixtures';
import { renderInAudit } from '../../test/render';
import { RequestsCard } from '../setup/RequestsCard';
import { FormTemplatesCard } from './FormTemplatesCard';

vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  api: (await import('../../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ myRole: 'LEAD_COUNSEL' });
const request = (ordinal: number): AuditRequest => ({
  id: `r${ordinal}`,
  ordinal,
  title: `Request ${ordinal}`,
  text: 'Describe it.',
  provision: null,
  appliesToAll: true,
  subjectIds: [],
  form: null,
});
const inventoryFields: FormField[] = [
  { key: 'held', label: 'Still held', type: 'YES_NO', required: true },
  { key: 'volume', label: 'Volume', type: 'NUMBER', required: false, unit: 'records' },
  { key: 'old', label: 'Old question', type: 'SHORT_TEXT', required: false, retired: true },
];
const inventory: FormTemplate = {
  id: 'ft1',
  name: 'Data inventory',
  description: 'What is held, why, where.',
  fields: inventoryFields,
  version: 4,
  updatedAt: '2026-05-01T09:00:00.000Z',
  usedBy: 3,
};

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/form-templates', () => [inventory]);
  fakeApi.on('GET /api/audits/{auditId}/subjects', () => page([]));
  fakeApi.on('GET /api/audits/{auditId}/provisions', () => page([]));
});

describe('forms on the set-up list of requests', () => {
  it('says for each of many requests whether it has a form from the list alone, and opens the right one', async () => {
    const user = userEvent.setup({ delay: null });
    const requests = Array.from({ length: 24 }, (_, i) => request(i + 1));
    // The list sums up each form (retired fields not counted): two fields.
    requests[4].form = { fieldCount: 2, requiredCount: 1, version: 1, templateName: 'Data inventory' };
    fakeApi.on('GET /api/audits/{auditId}/requests', () => page(requests));
    fakeApi.on('GET /api/audits/{auditId}/requests/{requestId}/form', ({ params }) => {
      if (params?.path?.requestId !== 'r5') throw new FakeProblem(404, { detail: 'This request has no form.' });
      return {
        requestId: 'r5',
        templateId: 'ft1',
        templateName: 'Data inventory',
        fields: inventoryFields,
        version: 1,
        answeredCount: 0,
      };
    });
    renderInAudit(<RequestsCard />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Requests' });
    await waitFor(() => expect(within(table).getAllByText('Free text')).toHaveLength(23));
    const row5 = within(table).getByRole('row', { name: /Request 5/ });
    expect(within(row5).getByText('2 fields').closest('[title]')).toHaveAttribute(
      'title',
      'From the template “Data inventory”; 1 of them required',
    );
    // Nothing is asked per request: the editor alone reads a form, when it opens.
    const formReads = () => fakeApi.calls.filter((c) => c.path === '/api/audits/{auditId}/requests/{requestId}/form');
    expect(formReads()).toEqual([]);
    expect(within(table).getByRole('button', { name: 'Add a form to request 4' })).toBeInTheDocument();
    await user.click(within(row5).getByRole('button', { name: 'Edit the form of request 5' }));
    const dialog = await screen.findByRole('dialog', { name: 'Form of request 5: Request 5' });
    expect(await within(dialog).findByRole('group', { name: /Field 1 of 2: Still held/ })).toBeInTheDocument();
    expect(formReads().map((c) => c.params?.path?.requestId)).toEqual(['r5']);
    expect(within(dialog).getByRole('region', { name: 'Retired fields' })).toHaveTextContent('Old question');
  });

  it('adds a request with a form from a template', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/audits/{auditId}/requests', () => page([]));
    fakeApi.on('POST /api/audits/{auditId}/requests', ({ body }) => ({ id: 'r9', ordinal: 1, ...(body as object) }));
    renderInAudit(<RequestsCard />, { me: ada, audit });
    await user.click(screen.getByRole('button', { name: 'Add request' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a request' });
    await user.type(within(dialog).getByLabelText(/^Title/), 'Data held');
    await user.type(within(dialog).getByLabelText(/^Text of the request/), 'All data you hold.');
    await user.click(within(dialog).getByRole('combobox', { name: 'Form' }));
    await user.click(await screen.findByRole('option', { name: 'Data inventory' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add request' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({
      title: 'Data held',
      text: 'All data you hold.',
      provisionId: null,
      appliesToAll: true,
      formTemplateId: 'ft1',
    });
  });
});

describe('form templates', () => {
  it('lists each template with its fields and its use, and deletes one only after a confirmation', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('DELETE /api/form-templates/{templateId}', () => undefined);
    renderInAudit(<FormTemplatesCard canManage />, { me: ada, audit });
    const table = await screen.findByRole('table', { name: 'Form templates' });
    const row = within(table).getByRole('row', { name: /Data inventory/ });
    expect(row).toHaveTextContent('2 fields');
    expect(row).toHaveTextContent('3 requests');
    await user.click(within(row).getByRole('button', { name: 'Delete Data inventory' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete Data inventory?' });
    expect(confirm).toHaveTextContent('The 3 requests whose form came from it keep their forms and answers.');
    expect(fakeApi.writes()).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Delete template' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toEqual([
        expect.objectContaining({ method: 'DELETE', params: { path: { templateId: 'ft1' } } }),
      ]),
    );
  });

  // The dialog opens with the form in it: its focus on the name, so what is typed goes there (a
  // space on the dialog's Close button, where the focus went while the editor was loading, closed it).
  it('opens a new template with the focus in its name, where typing goes', async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<FormTemplatesCard canManage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'New form template' }));
    const dialog = await screen.findByRole('dialog', { name: 'New form template' });
    const name = within(dialog).getByLabelText(/^Template name/);
    await waitFor(() => expect(name).toHaveFocus());
    await user.keyboard('Data inventory');
    expect(name).toHaveValue('Data inventory');
    expect(screen.getByRole('dialog', { name: 'New form template' })).toBeInTheDocument();
  });

  it('creates a template; a refused name shows under the name', async () => {
    const user = userEvent.setup({ delay: null });
    let tries = 0;
    fakeApi.on('POST /api/form-templates', ({ body }) => {
      if (tries++ === 0)
        throw new FakeProblem(409, {
          code: 'DUPLICATE',
          detail: 'A form template named Data inventory already exists.',
          errors: [{ field: 'name', message: 'A form template named Data inventory already exists.' }],
        });
      return { ...(body as object), id: 'ft2', version: 1, usedBy: 0, updatedAt: '' };
    });
    renderInAudit(<FormTemplatesCard canManage />, { me: ada, audit });
    await user.click(await screen.findByRole('button', { name: 'New form template' }));
    const dialog = await screen.findByRole('dialog', { name: 'New form template' });
    await user.type(within(dialog).getByLabelText(/^Template name/), 'Data inventory');
    await user.click(within(dialog).getByRole('button', { name: 'Add a field' }));
    await user.type(within(dialog).getByLabelText(/^Question or label/), 'Retention period (months)');
    await user.selectOptions(within(dialog).getByLabelText('Type of answer'), 'Number');
    await user.type(within(dialog).getByLabelText(/^Unit/), 'months');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));

    const name = within(dialog).getByLabelText(/^Template name/);
    await waitFor(() =>
      expect(name).toHaveAccessibleDescription('A form template named Data inventory already exists.'),
    );
    await user.clear(name);
    await user.type(name, 'Retention');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes()[1].body).toEqual({
      name: 'Retention',
      description: null,
      fields: [
        {
          key: 'retention_period_months',
          label: 'Retention period (months)',
          type: 'NUMBER',
          required: false,
          unit: 'months',
        },
      ],
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New form template' })).not.toBeInTheDocument());
  });

  it('offers no changes to whoever may not manage templates', async () => {
    renderInAudit(<FormTemplatesCard canManage={false} />, { me: ada, audit });
    await screen.findByRole('table', { name: 'Form templates' });
    expect(screen.queryByRole('button', { name: 'New form template' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Data inventory' })).toBeNull();
  });
});
