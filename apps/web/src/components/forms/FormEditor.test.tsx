import type { FormField } from '@app/domain/audit-forms';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestForm } from '../../api/queries';
import { fakeApi, FakeProblem } from '../../test/fake-api';
import { ada, auditFixture } from '../../test/fixtures';
import { renderInAudit } from '../../test/render';
import { RequestFormDialog } from './RequestFormDialog';

vi.mock('../../api/client', async (original) => ({
  ...(await original<typeof import('../../api/client')>()),
  api: (await import('../../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ myRole: 'LEAD_COUNSEL' });
const request = { id: 'r0000000-0000-4000-8000-000000000005', ordinal: 5, title: 'Government access' };
const FORM = 'GET /api/audits/{auditId}/requests/{requestId}/form';
const SAVE = 'PUT /api/audits/{auditId}/requests/{requestId}/form';

const saved = (fields: FormField[], extra: Partial<RequestForm> = {}): RequestForm => ({
  requestId: request.id,
  templateId: null,
  templateName: null,
  fields,
  version: 2,
  answeredCount: 0,
  ...extra,
});

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/form-templates', () => []);
  fakeApi.on(FORM, () => {
    throw new FakeProblem(404, { code: 'NOT_FOUND', detail: 'This request has no form.' });
  });
});

const renderDialog = () =>
  renderInAudit(<RequestFormDialog request={request} onClose={() => {}} />, { me: ada, audit });

/** Presses Tab until the element named `name` has the focus (as a keyboard user would reach it). */
async function tabTo(user: UserEvent, name: string | RegExp) {
  for (let i = 0; i < 60; i++) {
    await user.tab();
    const focused = document.activeElement as HTMLElement | null;
    if (!focused) continue;
    const labels = (focused as HTMLInputElement).labels;
    const label = focused.getAttribute('aria-label') ?? (labels?.[0]?.textContent || focused.textContent || '');
    if (typeof name === 'string' ? label.trim() === name || label.trim() === `${name} *` : name.test(label)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

describe('the form editor', () => {
  it('builds a table field with two columns by keyboard alone, keys following the labels', async () => {
    const user = userEvent.setup({ delay: null });
    let stored: RequestForm | null = null;
    fakeApi.on(FORM, () => {
      if (!stored) throw new FakeProblem(404, { code: 'NOT_FOUND', detail: 'This request has no form.' });
      return stored;
    });
    fakeApi.on(SAVE, ({ body }) => (stored = saved((body as { fields: FormField[] }).fields, { version: 1 })));
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: /Form of request 5/ });

    await tabTo(user, 'Start a blank form');
    await user.keyboard('{Enter}');
    await tabTo(user, 'Add a field');
    await user.keyboard('{Enter}');
    // The new field's label has the focus.
    expect(document.activeElement).toBe(within(dialog).getByLabelText(/^Question or label/));
    await user.keyboard('Government entities');
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Type of answer'));
    await user.selectOptions(document.activeElement!, 'Table');
    expect(within(dialog).getByText('government_entities')).toBeInTheDocument();

    await tabTo(user, /^Column heading/);
    await user.keyboard('Entity');
    await tabTo(user, 'Add a column');
    await user.keyboard('{Enter}');
    const column2 = within(dialog).getByRole('group', { name: 'Column 2' });
    expect(document.activeElement).toBe(within(column2).getByLabelText(/^Column heading/));
    await user.keyboard('Country');
    await user.tab();
    await user.selectOptions(document.activeElement!, 'Short text');
    // The second column goes first, by its Up button.
    await tabTo(user, 'Move column 2 of field 1 up');
    await user.keyboard('{Enter}');
    expect(document.activeElement).toHaveAccessibleName('Move column 1 of field 1 down');

    await tabTo(user, 'Save form');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PUT',
      params: { path: { auditId: audit.id, requestId: request.id } },
      body: {
        fields: [
          {
            key: 'government_entities',
            label: 'Government entities',
            type: 'TABLE',
            required: false,
            columns: [
              { key: 'country', label: 'Country', type: 'SHORT_TEXT', required: false },
              { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: false },
            ],
          },
        ],
      },
    });
    // A new form is sent with no version: there is none to be based on.
    expect(fakeApi.writes()[0].body).not.toHaveProperty('version');
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Saved');
  });

  it('says next to the choices that a choice field needs two, and sends nothing', async () => {
    const user = userEvent.setup({ delay: null });
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: /Form of request 5/ });
    await user.click(await within(dialog).findByRole('button', { name: 'Start a blank form' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add a field' }));
    await user.type(within(dialog).getByLabelText(/^Question or label/), 'Still held');
    await user.selectOptions(within(dialog).getByLabelText('Type of answer'), 'One choice');
    await user.type(within(dialog).getByLabelText(/^Choices/), 'Yes');
    await user.click(within(dialog).getByRole('button', { name: 'Save form' }));

    const choices = within(dialog).getByLabelText(/^Choices/);
    expect(choices).toHaveAttribute('aria-invalid', 'true');
    expect(choices).toHaveAccessibleDescription(/Give "Still held" at least two choices\./);
    expect(within(dialog).getByLabelText(/^Question or label/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Check the fields marked below.');
    expect(fakeApi.writes()).toEqual([]);

    // Fixed as typed: the message goes.
    await user.type(choices, '{Enter}No');
    expect(choices).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('puts a refusal of the server on the input of the field it names', async () => {
    const user = userEvent.setup({ delay: null });
    const fields: FormField[] = [
      { key: 'categories', label: 'Categories of data', type: 'MULTIPLE_CHOICE', required: true, options: ['A', 'B'] },
      { key: 'volume', label: 'Volume', type: 'NUMBER', required: false, unit: 'records' },
      { key: 'purpose', label: 'Purpose', type: 'SINGLE_CHOICE', required: false, options: ['Ads', 'Analytics'] },
    ];
    fakeApi.on(FORM, () => saved(fields));
    fakeApi.on(SAVE, () => {
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        detail: 'Validation failed: fields[2].options must contain no more than 50 elements',
        errors: [{ field: 'fields[2].options', message: 'The choices of "Purpose" are too many for the server.' }],
      });
    });
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: /Form of request 5/ });
    const purpose = await within(dialog).findByRole('group', { name: /Field 3 of 3: Purpose/ });
    await user.click(within(dialog).getByRole('button', { name: 'Save form' }));

    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    // Saved with the version it is based on; the keys are the saved ones.
    expect(fakeApi.writes()[0].body).toMatchObject({
      version: 2,
      fields: [{ key: 'categories' }, { key: 'volume' }, { key: 'purpose' }],
    });
    const purposeChoices = within(purpose).getByLabelText(/^Choices/);
    await waitFor(() => expect(purposeChoices).toHaveAttribute('aria-invalid', 'true'));
    expect(purposeChoices).toHaveAccessibleDescription(/too many for the server/);
    const categories = within(dialog).getByRole('group', { name: /Field 1 of 3/ });
    expect(within(categories).getByLabelText(/^Choices/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Check the fields marked below.');
    // A saved field's key and type are fixed.
    expect(within(purpose).getByLabelText('Type of answer')).toBeDisabled();
    expect(within(purpose).getByText(/fixed: answers are stored under it/)).toBeInTheDocument();
  });

  it('retires a removed saved field on saving, saying its answers are kept, and puts it back on request', async () => {
    const user = userEvent.setup({ delay: null });
    const fields: FormField[] = [
      { key: 'held', label: 'Still held', type: 'YES_NO', required: true },
      { key: 'destroyed_on', label: 'Destroyed on', type: 'DATE', required: false },
    ];
    fakeApi.on(FORM, () => saved(fields, { answeredCount: 3 }));
    fakeApi.on(SAVE, () => saved([fields[0], { ...fields[1], retired: true }], { version: 3, answeredCount: 3 }));
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: /Form of request 5/ });
    await user.click(await within(dialog).findByRole('button', { name: 'Remove field 2' }));
    const retired = within(dialog).getByRole('region', { name: 'Retired fields' });
    expect(retired).toHaveTextContent('the answers already given to it are kept');
    expect(retired).toHaveTextContent('Retired when you save');
    await user.click(within(dialog).getByRole('button', { name: 'Save form' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({
      version: 2,
      fields: [{ key: 'held', label: 'Still held', type: 'YES_NO', required: true }],
    });
    await waitFor(() => expect(within(retired).queryByText('Retired when you save')).not.toBeInTheDocument());
    expect(within(retired).getByText('Retired')).toBeInTheDocument();
    await user.click(within(retired).getByRole('button', { name: 'Put back Destroyed on' }));
    expect(within(dialog).getByRole('group', { name: /Field 2 of 2: Destroyed on/ })).toBeInTheDocument();
  });

  it('keeps the draft after a conflict, and saves it over theirs on request', async () => {
    const user = userEvent.setup({ delay: null });
    const fields: FormField[] = [{ key: 'held', label: 'Still held', type: 'YES_NO', required: true }];
    let current = saved(fields);
    fakeApi.on(FORM, () => current);
    fakeApi.on(SAVE, ({ body }) => {
      const sent = body as { version: number; fields: FormField[] };
      if (sent.version !== current.version)
        throw new FakeProblem(409, { code: 'VERSION_CONFLICT', detail: 'Someone saved it first.' });
      current = saved(sent.fields, { version: current.version + 1 });
      return current;
    });
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: /Form of request 5/ });
    const label = await within(dialog).findByLabelText(/^Question or label/);
    // Someone else saves first.
    current = saved([{ ...fields[0], label: 'Held today' }], { version: 3 });
    await user.clear(label);
    await user.type(label, 'Do you still hold it?');
    await user.click(within(dialog).getByRole('button', { name: 'Save form' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Someone else saved this form first');
    expect(await within(alert).findByText('Held today')).toBeInTheDocument();
    expect(label).toHaveValue('Do you still hold it?');
    await user.click(within(alert).getByRole('button', { name: 'Keep mine and save it' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes()[1].body).toMatchObject({ version: 3, fields: [{ label: 'Do you still hold it?' }] });
  });
});

describe('closing the form editor', () => {
  it('asks before dropping unsaved changes, and closes at once when there are none', async () => {
    const user = userEvent.setup({ delay: null });
    const onClose = vi.fn();
    renderInAudit(<RequestFormDialog request={request} onClose={onClose} />, { me: ada, audit });
    const dialog = await screen.findByRole('dialog', { name: /Form of request 5/ });
    await user.click(await within(dialog).findByRole('button', { name: 'Start a blank form' }));
    await user.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)!);
    expect(onClose).toHaveBeenCalledTimes(1);

    await user.click(within(dialog).getByRole('button', { name: 'Add a field' }));
    await user.type(within(dialog).getByLabelText(/^Question or label/), 'Still held');
    await user.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)!);
    const ask = await screen.findByRole('dialog', { name: 'Discard your changes to this form?' });
    expect(onClose).toHaveBeenCalledTimes(1);
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).getByLabelText(/^Question or label/)).toHaveValue('Still held');
    await user.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)!);
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Discard your changes to this form?' })).getByRole('button', {
        name: 'Discard changes',
      }),
    );
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(fakeApi.writes()).toEqual([]);
  });
});

describe('adding and removing a request’s form', () => {
  it('adds a form from a template', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('GET /api/form-templates', () => [
      {
        id: 'ft1',
        name: 'Data inventory',
        description: 'What is held, why, where.',
        fields: [{ key: 'held', label: 'Still held', type: 'YES_NO', required: true }],
        version: 1,
        updatedAt: '2026-05-01T09:00:00.000Z',
        usedBy: 0,
      },
    ]);
    let stored: RequestForm | null = null;
    fakeApi.on(FORM, () => {
      if (!stored) throw new FakeProblem(404, { code: 'NOT_FOUND', detail: 'This request has no form.' });
      return stored;
    });
    fakeApi.on(SAVE, () => {
      stored = saved([{ key: 'held', label: 'Still held', type: 'YES_NO', required: true }], {
        version: 1,
        templateId: 'ft1',
        templateName: 'Data inventory',
      });
      return stored;
    });
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: /Form of request 5/ });
    expect(await within(dialog).findByText(/has no form: each subject answers it in free text/)).toBeInTheDocument();
    const picker = within(dialog).getByLabelText('Start from a form template', { selector: 'input' });
    await waitFor(() => expect(picker).toBeEnabled());
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Data inventory (1 field)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Use this template' }));
    await waitFor(() =>
      expect(fakeApi.writes()).toEqual([expect.objectContaining({ method: 'PUT', body: { templateId: 'ft1' } })]),
    );
    expect(await within(dialog).findByText(/Made from the template “Data inventory”/)).toBeInTheDocument();
  });

  it('shows the server’s refusal to remove a form that answers hold', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on(FORM, () =>
      saved([{ key: 'held', label: 'Still held', type: 'YES_NO', required: true }], { answeredCount: 2 }),
    );
    fakeApi.on('DELETE /api/audits/{auditId}/requests/{requestId}/form', () => {
      throw new FakeProblem(422, {
        code: 'RULE_VIOLATION',
        detail: 'Responses hold values of this form: it cannot be removed.',
      });
    });
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: /Form of request 5/ });
    await user.click(await within(dialog).findByRole('button', { name: 'Remove the form' }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove the form of request 5?' });
    expect(confirm).toHaveTextContent('(2 do)');
    await user.click(within(confirm).getByRole('button', { name: 'Remove the form' }));
    expect(
      await within(confirm).findByText('Responses hold values of this form: it cannot be removed.'),
    ).toBeInTheDocument();
    expect(fakeApi.writes()).toEqual([
      expect.objectContaining({
        method: 'DELETE',
        params: { path: { auditId: audit.id, requestId: request.id }, query: { version: 2 } },
      }),
    ]);
  });
});
