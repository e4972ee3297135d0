import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mergeFormValues, type FormField, type FormValues } from '@app/domain/audit-forms';
import { ApiError, type ResponseDetail, type ResponseUpdate } from '../../api/client';
import { keepAnswerDraft } from '../../lib/answer-drafts';
import { renderWithTheme } from '../../test/render';
import { ResponseForm } from '../ResponseForm';

const kenji = { id: 'kenji', name: 'Kenji Watanabe' };
const helen = { id: 'helen', name: 'Helen Byrne' };
const EVIDENCE_ID = '5f0c1b7e-6a51-4d8e-9f55-0c2b6c0e7a11';

const FIELDS: FormField[] = [
  { key: 'holder', label: 'Who holds the data', help: 'The team or system.', required: true, type: 'SHORT_TEXT' },
  { key: 'purpose', label: 'Purpose', required: false, type: 'LONG_TEXT' },
  { key: 'destroyed_on', label: 'Destroyed on', required: false, type: 'DATE' },
  { key: 'period', label: 'Period held', required: false, type: 'DATE_RANGE' },
  { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' },
  { key: 'still_held', label: 'Still held', required: false, type: 'YES_NO' },
  { key: 'storage', label: 'Where stored', required: false, type: 'SINGLE_CHOICE', options: ['EU', 'US'] },
  {
    key: 'categories',
    label: 'Categories',
    required: false,
    type: 'MULTIPLE_CHOICE',
    options: ['Tweets', 'Profiles', 'Follower graph'],
  },
  {
    key: 'recipients',
    label: 'Government recipients',
    required: false,
    type: 'TABLE',
    columns: [
      { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: true },
      { key: 'country', label: 'Country', type: 'SINGLE_CHOICE', options: ['FR', 'DE'], required: true },
      { key: 'received', label: 'Received data', type: 'YES_NO' },
      { key: 'agency_code', label: 'Agency code', type: 'SHORT_TEXT', retired: true },
    ],
  },
  { key: 'backing', label: 'Backing evidence', required: false, type: 'EVIDENCE' },
  { key: 'old_notes', label: 'Old question', required: false, type: 'SHORT_TEXT', retired: true },
];

function response(extra: Partial<ResponseDetail> & { formValues?: FormValues | null } = {}): ResponseDetail {
  return {
    id: 'resp-form',
    subject: { id: 's1', name: 'Xbox One Social' },
    request: { id: 'r1', ordinal: 1, title: 'Data held' },
    status: 'IN_PROGRESS',
    assignee: kenji,
    reviewer: helen,
    dueDate: null,
    answer: null,
    version: 4,
    overdue: false,
    approvedAt: null,
    approvedBy: null,
    statusNote: null,
    commentCount: 0,
    updatedAt: '2023-05-25T12:00:00Z',
    requestText: 'Describe the Twitter data held.',
    provision: null,
    subjectOwner: kenji,
    form: { fields: FIELDS, version: 2 },
    formValues: { old_notes: 'Kept from the first version' },
    ...extra,
  };
}

type Patch = ResponseUpdate;

/** Saves like the API: checks the version, merges the values sent, and may refuse a submission. */
function fakeServer(start: ResponseDetail, refuseReview?: { field: string; message: string }[]) {
  let current = start as ResponseDetail & { formValues: FormValues | null };
  const onSave = vi.fn((patch: Patch): Promise<ResponseDetail> => {
    if (patch.version !== current.version)
      return Promise.reject(new ApiError(409, { status: 409, code: 'VERSION_CONFLICT', detail: 'Stale.' }));
    if (patch.status === 'IN_REVIEW' && refuseReview)
      return Promise.reject(
        new ApiError(422, {
          status: 422,
          code: 'RULE_VIOLATION',
          detail: `Fill in the form before this response is IN_REVIEW: ${refuseReview.length} required entries are empty.`,
          errors: refuseReview,
        }),
      );
    current = {
      ...current,
      ...(patch.answer !== undefined && { answer: patch.answer }),
      ...(patch.formValues && { formValues: mergeFormValues(current.formValues, patch.formValues as FormValues) }),
      status: patch.status ?? current.status,
      version: current.version + 1,
    };
    return Promise.resolve(current);
  });
  return { onSave, onLoadLatest: vi.fn(() => Promise.resolve(current as ResponseDetail)) };
}

const contributor = { userId: kenji.id, role: 'CONTRIBUTOR' as const };

function renderForm(start = response(), refuseReview?: { field: string; message: string }[]) {
  sessionStorage.clear();
  const server = fakeServer(start, refuseReview);
  renderWithTheme(
    <ResponseForm
      response={start}
      actor={contributor}
      onSave={server.onSave}
      onLoadLatest={server.onLoadLatest}
      evidence={[{ id: EVIDENCE_ID, title: 'Data map 2023.xlsx' }]}
      debounceMs={20}
    />,
  );
  return server;
}

/** The form values the last save sent. */
const lastValues = (onSave: ReturnType<typeof fakeServer>['onSave']) => onSave.mock.calls.at(-1)![0].formValues;

describe('filling a form on the response page', () => {
  it('draws each field in order with its label, help text, required mark and an input for its type', () => {
    renderForm();
    const holder = screen.getByRole('textbox', { name: /^Who holds the data/ });
    expect(holder).toHaveAccessibleDescription('The team or system.');
    expect(holder).toHaveAttribute('aria-required', 'true');
    expect(screen.getByRole('textbox', { name: 'Purpose' }).tagName).toBe('TEXTAREA');
    expect(screen.getByLabelText('Destroyed on')).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('Period held: from')).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('Period held: to')).toHaveAttribute('type', 'date');
    // The unit is read with the number's name, and shown in the box.
    expect(screen.getByRole('textbox', { name: /^Volume \(in records\)/ })).toBeInTheDocument();
    expect(within(screen.getByRole('radiogroup', { name: 'Still held' })).getAllByRole('radio')).toHaveLength(2);
    expect(within(screen.getByRole('radiogroup', { name: 'Where stored' })).getAllByRole('radio')).toHaveLength(2);
    expect(within(screen.getByRole('group', { name: 'Categories' })).getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByRole('table', { name: 'Government recipients' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Data map 2023.xlsx' })).toBeInTheDocument();
    // The free text stays, as notes.
    expect(screen.getByRole('textbox', { name: 'Notes' })).toBeInTheDocument();
  });

  it('saves each kind of value in the shape the API takes, only the fields changed', async () => {
    const user = userEvent.setup({ delay: null });
    const { onSave } = renderForm();
    await user.type(screen.getByRole('textbox', { name: /^Who holds the data/ }), 'Ads platform');
    await user.type(screen.getByRole('textbox', { name: 'Purpose' }), 'Ad targeting');
    fireEvent.change(screen.getByLabelText('Destroyed on'), { target: { value: '2023-06-07' } });
    fireEvent.change(screen.getByLabelText('Period held: from'), { target: { value: '2019-01-01' } });
    await user.type(screen.getByRole('textbox', { name: /^Volume/ }), '1200');
    await user.click(screen.getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('radio', { name: 'EU' }));
    await user.click(screen.getByRole('checkbox', { name: 'Follower graph' }));
    await user.click(screen.getByRole('checkbox', { name: 'Tweets' }));
    await user.click(screen.getByRole('checkbox', { name: 'Data map 2023.xlsx' }));
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent(/^Saved/));
    const sent = Object.assign({}, ...onSave.mock.calls.map(([patch]) => patch.formValues)) as FormValues;
    expect(sent).toEqual({
      holder: 'Ads platform',
      purpose: 'Ad targeting',
      destroyed_on: '2023-06-07',
      period: { from: '2019-01-01', to: null },
      volume: 1200,
      still_held: false,
      storage: 'EU',
      // In the form's order of choices, not the order ticked.
      categories: ['Tweets', 'Follower graph'],
      backing: [EVIDENCE_ID],
    });
    // Every save named the version it was based on.
    expect(onSave.mock.calls.map(([patch]) => patch.version)).toEqual(onSave.mock.calls.map((_, i) => 4 + i));
    // The retired field's value is never sent.
    expect(onSave.mock.calls.some(([patch]) => 'old_notes' in (patch.formValues ?? {}))).toBe(false);
  });

  it('fills a table by keyboard: Add a row takes the focus to its first cell, Tab walks the cells', async () => {
    const user = userEvent.setup({ delay: null });
    const { onSave } = renderForm();
    screen.getByRole('button', { name: 'Add a row to Government recipients' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'Entity, row 1' })).toHaveFocus();
    await user.keyboard('Gendarmerie');
    await user.tab();
    expect(screen.getByRole('combobox', { name: 'Country, row 1' })).toHaveFocus();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Country, row 1' }), 'FR');
    await user.tab();
    expect(screen.getByRole('combobox', { name: 'Received data, row 1' })).toHaveFocus();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Received data, row 1' }), 'Yes');
    // On past the row's Remove button to Add a row, and a second row.
    await user.tab();
    expect(screen.getByRole('button', { name: 'Remove row 1 of Government recipients' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Add a row to Government recipients' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'Entity, row 2' })).toHaveFocus();
    await user.keyboard('BKA');
    await waitFor(() =>
      expect(lastValues(onSave)).toEqual({
        recipients: [{ entity: 'Gendarmerie', country: 'FR', received: true }, { entity: 'BKA' }],
      }),
    );
  });

  it('refuses "Submit for review" while required entries are empty: each message on its field, a summary linking to them', async () => {
    const user = userEvent.setup({ delay: null });
    // Something is given (a blank form with no notes offers no submission at all).
    const { onSave } = renderForm(response({ formValues: { purpose: 'Analytics' } }));
    await user.click(screen.getByRole('button', { name: 'Submit for review' }));
    // The summary appears with the next render, which a loaded machine may delay.
    const summary = await screen.findByTestId('form-error-summary');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(onSave).not.toHaveBeenCalled();
    const links = within(summary).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual([
      'Answer "Who holds the data": it is required.',
      'Answer "Volume": it is required.',
    ]);
    expect(screen.getByRole('textbox', { name: /^Volume/ })).toHaveAccessibleDescription(
      'Answer "Volume": it is required.',
    );
    await user.click(links[1]);
    expect(screen.getByRole('textbox', { name: /^Volume/ })).toHaveFocus();
    // Answering a field takes its message away.
    await user.keyboard('7');
    expect(screen.getByRole('textbox', { name: /^Volume/ })).not.toHaveAccessibleDescription(/required/);
  });

  it('offers no submission for a blank form with no notes', () => {
    renderForm();
    expect(screen.queryByRole('button', { name: 'Submit for review' })).toBeNull();
  });

  it("shows the API's refusal of a submission (422) on the fields and table cells it names", async () => {
    const user = userEvent.setup({ delay: null });
    const complete = response({
      formValues: { holder: 'Ads', volume: 3, recipients: [{ entity: 'BKA', country: 'DE' }] },
    });
    const { onSave } = renderForm(complete, [
      { field: 'formValues.storage', message: 'Answer "Where stored": it is required.' },
      {
        field: 'formValues.recipients[0].received',
        message: '"Government recipients", row 1: fill in "Received data".',
      },
    ]);
    await user.click(screen.getByRole('button', { name: 'Submit for review' }));
    const summary = await screen.findByTestId('form-error-summary');
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ status: 'IN_REVIEW', version: 4 }));
    expect(summary).toHaveTextContent('2 required entries are empty');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['#form-field-storage', '#form-field-recipients-0-received']);
    expect(screen.getByRole('radiogroup', { name: 'Where stored' })).toHaveAccessibleDescription(
      'Answer "Where stored": it is required.',
    );
    expect(screen.getByRole('combobox', { name: 'Received data, row 1' })).toHaveAccessibleDescription(
      '"Government recipients", row 1: fill in "Received data".',
    );
    // Still in progress, and nothing typed was lost.
    expect(screen.getByRole('textbox', { name: /^Who holds the data/ })).toHaveValue('Ads');
  });

  it('keeps a value the form refuses on screen, says why, and does not send it', async () => {
    const user = userEvent.setup({ delay: null });
    const { onSave } = renderForm();
    fireEvent.change(screen.getByLabelText('Period held: from'), { target: { value: '2023-06-01' } });
    fireEvent.change(screen.getByLabelText('Period held: to'), { target: { value: '2023-01-01' } });
    expect(await screen.findByText('"Period held" ends before it starts.')).toBeVisible();
    expect(screen.getByTestId('save-state')).toHaveTextContent('Not saved: check the form');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Period held: to'), { target: { value: '2023-12-31' } });
    await waitFor(() => expect(lastValues(onSave)).toEqual({ period: { from: '2023-06-01', to: '2023-12-31' } }));
    await user.click(document.body);
  });

  it("shows the API's refusal of a value (400) on its field, and sends it again only once changed", async () => {
    const user = userEvent.setup({ delay: null });
    const start = response();
    const server = fakeServer(start);
    server.onSave.mockImplementationOnce(() =>
      Promise.reject(
        new ApiError(400, {
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: 'Validation failed',
          errors: [{ field: 'formValues.backing', message: '"Backing evidence" takes evidence of this response.' }],
        }),
      ),
    );
    sessionStorage.clear();
    renderWithTheme(
      <ResponseForm
        response={start}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        evidence={[{ id: EVIDENCE_ID, title: 'Data map 2023.xlsx' }]}
        debounceMs={20}
      />,
    );
    await user.click(screen.getByRole('checkbox', { name: 'Data map 2023.xlsx' }));
    expect(await screen.findByText('"Backing evidence" takes evidence of this response.')).toBeVisible();
    expect(screen.getByTestId('save-state')).toHaveTextContent('Not saved');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.onSave).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('checkbox', { name: 'Data map 2023.xlsx' }));
    await user.click(screen.getByRole('checkbox', { name: 'Data map 2023.xlsx' }));
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent(/^Saved/));
    expect(screen.queryByText('"Backing evidence" takes evidence of this response.')).toBeNull();
  });

  it('brings back form values not saved when the page was left, still based on the version they were typed on', async () => {
    const start = response();
    const server = fakeServer(start);
    sessionStorage.clear();
    keepAnswerDraft(start.id, {
      text: '',
      values: { old_notes: 'Kept from the first version', holder: 'Typed before leaving' },
      base: { answer: '', formValues: { old_notes: 'Kept from the first version' }, version: 4 },
    });
    renderWithTheme(
      <ResponseForm
        response={start}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={20}
      />,
    );
    expect(screen.getByRole('textbox', { name: /^Who holds the data/ })).toHaveValue('Typed before leaving');
    expect(screen.getByText('Your unsaved text is back')).toBeVisible();
    await waitFor(() =>
      expect(server.onSave).toHaveBeenCalledWith({ version: 4, formValues: { holder: 'Typed before leaving' } }),
    );
  });

  it('shows a column removed from the form read only, where a row still holds an entry in it', async () => {
    const user = userEvent.setup({ delay: null });
    const kept = { entity: 'BKA', country: 'DE', agency_code: 'DE-17' };
    const { onSave } = renderForm(response({ formValues: { holder: 'Ads', recipients: [kept] } }));
    expect(screen.getByRole('columnheader', { name: 'Agency code (removed from the form)' })).toBeInTheDocument();
    const cell = screen.getByRole('textbox', { name: 'Agency code, row 1' });
    expect(cell).toHaveValue('DE-17');
    expect(cell).toHaveAttribute('readonly');
    // Editing the row's other cells sends the kept entry back with it.
    await user.type(screen.getByRole('textbox', { name: 'Entity, row 1' }), ' Wiesbaden');
    await waitFor(() => expect(lastValues(onSave)?.recipients).toEqual([{ ...kept, entity: 'BKA Wiesbaden' }]));
  });

  it('shows a retired field read only, with its answer kept', () => {
    renderForm();
    const retired = screen.getByTestId('retired-old_notes');
    expect(retired).toHaveTextContent('Old question');
    expect(retired).toHaveTextContent('Removed from the form; the answer is kept');
    expect(retired).toHaveTextContent('Kept from the first version');
    expect(within(retired).queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Old question' })).toBeNull();
  });

  it("clears a removed field's kept answer only after a confirmation, sending null for it alone", async () => {
    const user = userEvent.setup({ delay: null });
    const { onSave } = renderForm();
    const retired = screen.getByTestId('retired-old_notes');
    await user.click(within(retired).getByRole('button', { name: 'Clear the kept answer to “Old question”' }));
    const confirm = await screen.findByRole('dialog', { name: 'Clear the kept answer to “Old question”?' });
    expect(confirm).toHaveTextContent('Kept from the first version');
    expect(confirm).toHaveTextContent('The activity log keeps what it said.');
    // jsdom lays nothing out, so contrast is checked in the browser tests instead.
    const checked = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(checked.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(onSave).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Clear answer' }));
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent(/^Saved/));
    expect(onSave.mock.calls.map(([patch]) => patch.formValues)).toEqual([{ old_notes: null }]);
    expect(screen.queryByTestId('retired-old_notes')).toBeNull();
  });

  it('keeps an approved answer read only until counsel reopens it', () => {
    renderForm(response({ status: 'APPROVED', formValues: { holder: 'Ads', volume: 3, old_notes: 'Kept' } }));
    expect(screen.getByRole('textbox', { name: /^Who holds the data/ })).toHaveAttribute('readonly');
    expect(screen.getByRole('textbox', { name: /^Volume/ })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: /Add a row/ })).toBeNull();
    expect(screen.getByRole('radio', { name: 'Yes' })).toBeDisabled();
    expect(screen.getByTestId('retired-old_notes')).toHaveTextContent('Kept');
    expect(screen.queryByRole('button', { name: /^Clear the kept answer/ })).toBeNull();
  });

  it('after a conflict (409), keeps the values typed and shows the other version', async () => {
    const user = userEvent.setup({ delay: null });
    const start = response();
    // Someone else saved version 5 meanwhile.
    const server = fakeServer(response({ version: 5, formValues: { holder: 'Data team' } }));
    sessionStorage.clear();
    renderWithTheme(
      <ResponseForm
        response={start}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={20}
      />,
    );
    await user.type(screen.getByRole('textbox', { name: /^Who holds the data/ }), 'Ads platform');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else saved this response first');
    expect(await within(alert).findByText('Who holds the data:')).toBeInTheDocument();
    expect(alert).toHaveTextContent('Data team');
    expect(screen.getByRole('textbox', { name: /^Who holds the data/ })).toHaveValue('Ads platform');
    await user.click(within(alert).getByRole('button', { name: 'Keep mine and save it' }));
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveTextContent(/^Saved/));
    expect(server.onSave).toHaveBeenLastCalledWith(
      expect.objectContaining({ version: 5, formValues: { holder: 'Ads platform' } }),
    );
  });
});
