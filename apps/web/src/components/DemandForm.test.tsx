import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cssVariablesResolver, theme } from '../App';
import { plainMessage } from '../lib/messages';
import { fakeApi, FakeProblem } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { CreateAuditModal } from './CreateAuditModal';
import { createBody, emptyDemand } from './DemandForm';
import { EditDemandModal } from './EditDemandModal';
import { contrastRatio, themeColorOfVar } from './wcag-contrast';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

// A long form typed key by key: slow on a busy machine, not a measure of anything.

const audit = auditFixture();
beforeEach(() => fakeApi.reset());

const openEditor = () => renderInAudit(<EditDemandModal audit={audit} opened onClose={() => {}} />, { me: ada, audit });

describe('Edit demand', () => {
  it('starts from the audit and sends only what changed, a cleared field as null, the deadline as its wall-clock time', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...audit, ...(body as object) }));
    openEditor();
    const dialog = screen.getByRole('dialog', { name: 'Edit demand' });
    expect(dialog).toBeInTheDocument();
    expect(screen.getByLabelText(/^Deadline date/)).toHaveValue('2026-06-07');
    expect(screen.getByLabelText(/^Deadline time(?! zone)/)).toHaveValue('17:00');

    await user.clear(screen.getByLabelText('Their counsel'));
    await user.clear(screen.getByLabelText(/^Agreement version/));
    await user.type(screen.getByLabelText(/^Agreement version/), 'effective 1 March 2020');
    await user.clear(screen.getByLabelText(/^Deadline time(?! zone)/));
    await user.type(screen.getByLabelText(/^Deadline time(?! zone)/), '18:30');
    await user.type(screen.getByLabelText(/^Confidentiality legend/), 'CONFIDENTIAL');
    await user.click(screen.getByRole('button', { name: 'Save demand' }));

    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/audits/{auditId}',
      params: { path: { auditId: audit.id } },
      body: {
        demandingCounselName: null,
        agreementVersion: 'effective 1 March 2020',
        responseDeadline: '2026-06-07T18:30',
        confidentialityLegend: 'CONFIDENTIAL',
      },
    });
    expect(Object.keys(fakeApi.writes()[0].body as object).sort()).toEqual([
      'agreementVersion',
      'confidentialityLegend',
      'demandingCounselName',
      'responseDeadline',
    ]);
  });

  it("shows the API's field errors under their fields, in plain words", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}', () => {
      throw new FakeProblem(400, {
        title: 'Bad Request',
        detail: 'Validation failed: title should not be empty; demandingCounselEmail must be an email',
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'title', message: 'title should not be empty' },
          { field: 'demandingCounselEmail', message: 'demandingCounselEmail must be an email' },
          { field: 'responseDeadline', message: 'responseDeadline must be a date-time like 2023-06-07T17:00' },
          { field: 'periodEnd', message: 'periodEnd must not be before periodStart.' },
        ],
      });
    });
    openEditor();
    await user.clear(screen.getByLabelText(/^Title/));
    await user.click(screen.getByRole('button', { name: 'Save demand' }));

    await waitFor(() => expect(screen.getByLabelText(/^Title/)).toHaveAccessibleDescription('Enter a title'));
    expect(screen.getByLabelText("Counsel's email")).toHaveAccessibleDescription(
      'Enter an email address like name@firm.com',
    );
    expect(screen.getByLabelText(/^Deadline date/)).toHaveAccessibleDescription('Enter a real date and a time');
    expect(screen.getByLabelText('Period covered to')).toHaveAccessibleDescription(
      'The period cannot end before it starts',
    );
    expect(screen.getByLabelText(/^Title/)).toHaveAttribute('aria-invalid', 'true');
    // Nothing in the developer's words reaches the screen.
    expect(screen.queryByText(/should not be empty|must be an email/)).toBeNull();
  });
});

// 8 March 2026: New York's clocks go forward from 02:00 EST to 03:00 EDT.
const SKIPPED =
  'The clocks go forward at this time on Sun, Mar 8, 2026 in America/New York: 2:00–2:59 AM does not happen. Choose 3:00 AM or later.';

describe('A deadline at a time the clocks skip', () => {
  it('is said under the time as soon as the day, time and zone give it, and stops the save', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...audit, ...(body as object) }));
    openEditor();
    const time = screen.getByLabelText(/^Deadline time(?! zone)/);
    await user.clear(screen.getByLabelText(/^Deadline date/));
    await user.type(screen.getByLabelText(/^Deadline date/), '2026-03-08');
    await user.clear(time);
    await user.type(time, '02:30');
    expect(time).toHaveAccessibleDescription(expect.stringContaining(SKIPPED));
    expect(time).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Deadline date/)).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Save demand' }));
    expect(fakeApi.writes()).toEqual([]);

    await user.clear(time);
    await user.type(time, '03:00');
    expect(time).not.toHaveAccessibleDescription(expect.stringContaining('clocks go forward'));
    await user.click(screen.getByRole('button', { name: 'Save demand' }));
    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toMatchObject({ responseDeadline: '2026-03-08T03:00' });
  });

  it("words the API's refusal of it plainly, under the time", async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('PATCH /api/audits/{auditId}', () => {
      const message =
        'responseDeadline 2026-03-08T02:30 does not exist in America/New_York (a date out of range, or a time skipped by a daylight-saving change).';
      throw new FakeProblem(400, {
        code: 'VALIDATION_FAILED',
        detail: message,
        errors: [{ field: 'responseDeadline', message }],
      });
    });
    openEditor();
    await user.type(screen.getByLabelText(/^Confidentiality legend/), 'CONFIDENTIAL');
    await user.click(screen.getByRole('button', { name: 'Save demand' }));
    const time = screen.getByLabelText(/^Deadline time(?! zone)/);
    await waitFor(() => expect(time).toHaveAccessibleDescription(expect.stringContaining(SKIPPED)));
    expect(screen.queryByText(/does not exist in|responseDeadline/)).toBeNull();
  });
});

describe('New audit', () => {
  // The walk in a browser found a date field's error 3.3:1 (Mantine's red 6 on the dialog's
  // white). jsdom computes no contrast, so the theme's error colour is checked as a value.
  it("writes a field's error in a red that reads at 4.5:1 or more on the dialog's white", async () => {
    const user = userEvent.setup({ delay: null });
    renderInAudit(<CreateAuditModal opened onClose={() => {}} />, { me: ada, audit });
    fakeApi.on('POST /api/audits', () => {
      throw new FakeProblem(400, {
        title: 'Bad Request',
        detail: 'Validation failed: receivedOn must be a date',
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'receivedOn', message: 'receivedOn must be a valid ISO 8601 date string' }],
      });
    });
    await user.click(screen.getByRole('button', { name: 'Open audit' }));
    const receivedOn = screen.getByLabelText(/^Received on/);
    await waitFor(() => expect(receivedOn).toHaveAttribute('aria-invalid', 'true'));
    // Drawn in Mantine's error colour (no colour of its own), which the app's theme sets.
    const error = document.getElementById(receivedOn.getAttribute('aria-describedby')!.split(' ').at(-1)!)!;
    expect(error).toHaveClass('mantine-InputWrapper-error');
    expect(error.style.color).toBe('');
    const errorColour =
      cssVariablesResolver(mergeMantineTheme(DEFAULT_THEME, theme)).light['--mantine-color-error'] ??
      // Mantine's own, in light mode.
      'var(--mantine-color-red-6)';
    expect(contrastRatio(themeColorOfVar(errorColour), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('has the same fields, sends the filled ones, then sets the legend on the new audit', async () => {
    const user = userEvent.setup({ delay: null });
    fakeApi.on('POST /api/audits', ({ body }) => ({ ...audit, ...(body as object) }));
    fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...audit, ...(body as object) }));
    renderInAudit(<CreateAuditModal opened onClose={() => {}} />, { me: ada, audit });
    expect(screen.getByRole('dialog', { name: 'New audit' })).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Title/), 'Database licence audit');
    await user.type(screen.getByLabelText(/^Reference/), 'ORCL-ACME-2026');
    await user.type(screen.getByLabelText(/^Demanding party/), 'Oracle America, Inc.');
    await user.type(screen.getByLabelText(/^Responding party/), 'Acme Corp.');
    await user.type(screen.getByLabelText("Counsel's firm"), 'Hopper LLP');
    await user.type(screen.getByLabelText(/^Agreement \*/), 'Master Licence Agreement');
    await user.type(screen.getByLabelText(/^Received on/), '2026-05-04');
    await user.type(screen.getByLabelText(/^Deadline date/), '2026-06-07');
    await user.type(screen.getByLabelText(/^Period covered from/), '2023-01-01');
    await user.type(screen.getByLabelText(/^Confidentiality legend/), 'CONFIDENTIAL');
    await user.click(screen.getByRole('button', { name: 'Open audit' }));

    await waitFor(() => expect(fakeApi.writes()).toHaveLength(2));
    expect(fakeApi.writes()[0]).toMatchObject({ method: 'POST', path: '/api/audits' });
    expect(fakeApi.writes()[0].body).toEqual({
      title: 'Database licence audit',
      referenceCode: 'ORCL-ACME-2026',
      demandingParty: 'Oracle America, Inc.',
      demandingCounselFirm: 'Hopper LLP',
      respondingParty: 'Acme Corp.',
      agreementTitle: 'Master Licence Agreement',
      receivedOn: '2026-05-04',
      responseDeadline: '2026-06-07T17:00',
      deadlineTimeZone: ada.timeZone,
      periodStart: '2023-01-01',
    });
    expect(fakeApi.writes()[1]).toMatchObject({
      method: 'PATCH',
      params: { path: { auditId: audit.id } },
      body: { confidentialityLegend: 'CONFIDENTIAL' },
    });
  });
});

describe('createBody', () => {
  it('leaves the deadline out while its day is empty (the API then asks for it), however the time is set', () => {
    const values = { ...emptyDemand('America/New_York'), deadlineTime: '17:00' };
    expect(createBody(values).audit).not.toHaveProperty('responseDeadline');
    expect(createBody({ ...values, deadlineDay: '2026-06-07' }).audit).toMatchObject({
      responseDeadline: '2026-06-07T17:00',
    });
  });
});

describe('plainMessage', () => {
  it.each([
    ['title', 'title must be a string', 'Enter a title'],
    ['receivedOn', 'receivedOn must be a real date as YYYY-MM-DD', 'Enter a real date'],
    ['receivedOn', 'receivedOn should not be empty', 'Enter the day the demand was received'],
    ['responseDeadline', 'responseDeadline should not be empty', 'Enter the date and time of the deadline'],
    ['deadlineTimeZone', 'deadlineTimeZone must be a valid IANA time-zone', 'Choose a time zone from the list'],
    ['notes', 'notes must be shorter than or equal to 20000 characters', 'Keep this to 20,000 characters or fewer'],
    ['ordinal', 'ordinal must not be less than 1', 'Enter a number of 1 or more'],
    ['referenceCode', 'An audit with reference X already exists.', 'An audit with reference X already exists'],
    [
      'letterDate',
      'letterDate must not be after receivedOn (2026-11-23).',
      'The letter cannot be dated after the day it was received',
    ],
    [
      'newDeadline',
      'newDeadline must be later than the deadline in force.',
      'The new deadline must be later than the deadline now in force',
    ],
  ])('%s: "%s" reads "%s"', (field, message, plain) => {
    expect(plainMessage(field, message)).toBe(plain);
  });
});

describe('Responding counsel and the submission day', () => {
  it("edits the responding party's counsel, and the day submitted while the audit stands submitted", async () => {
    const user = userEvent.setup({ delay: null });
    const submitted = auditFixture({
      status: 'SUBMITTED',
      submittedAt: '2026-06-05',
      respondingCounselName: 'Ada Lovelace',
    });
    fakeApi.on('PATCH /api/audits/{auditId}', ({ body }) => ({ ...submitted, ...(body as object) }));
    renderInAudit(<EditDemandModal audit={submitted} opened onClose={() => {}} />, { me: ada, audit: submitted });
    expect(screen.getByLabelText('Responding counsel')).toHaveValue('Ada Lovelace');
    expect(screen.getByLabelText(/^Submitted on/)).toHaveValue('2026-06-05');

    await user.type(screen.getByLabelText("Responding counsel's firm"), 'Lovelace & Babbage LLP');
    await user.type(screen.getByLabelText("Responding counsel's email"), 'ada@lovelace.example');
    await user.clear(screen.getByLabelText(/^Submitted on/));
    await user.type(screen.getByLabelText(/^Submitted on/), '2026-06-04');
    await user.click(screen.getByRole('button', { name: 'Save demand' }));

    await waitFor(() => expect(fakeApi.writes()).toHaveLength(1));
    expect(fakeApi.writes()[0].body).toEqual({
      respondingCounselFirm: 'Lovelace & Babbage LLP',
      respondingCounselEmail: 'ada@lovelace.example',
      submittedAt: '2026-06-04',
    });
  });

  it('offers no submission day before the audit is submitted', () => {
    openEditor();
    expect(screen.getByLabelText('Responding counsel')).toHaveValue('');
    expect(screen.queryByLabelText(/^Submitted on/)).toBeNull();
  });

  it('words the API refusing a submission day in plain words', () => {
    expect(plainMessage('respondingCounselEmail', 'respondingCounselEmail must be an email')).toBe(
      'Enter an email address like name@firm.com',
    );
    expect(plainMessage('submittedAt', 'submittedAt must be a real date')).toBe('Enter a real date');
  });
});
