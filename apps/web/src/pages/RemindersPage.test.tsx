import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { fakeApi, page } from '../test/fake-api';
import { ada, auditFixture } from '../test/fixtures';
import { renderInAudit } from '../test/render';
import { RemindersPage } from './RemindersPage';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: (await import('../test/fake-api')).fakeApi.api,
}));

const audit = auditFixture({ status: 'OPEN', myRole: 'CONTRIBUTOR' });
const pastDeadline: Schemas['RemindersStoppedDto'] = {
  reason: 'PAST_DEADLINE',
  deadlineDay: '2023-06-07',
  lastReminderDay: '2023-07-07',
  quietAfterDays: 30,
};
const sent: Schemas['ReminderDto'] = {
  id: 'r1',
  recipient: { id: ada.id, name: ada.name },
  sendAt: '2023-07-07T13:00:00.000Z',
  reasons: ['OVERDUE'],
  itemIds: ['i1'],
  status: 'SENT',
  attempts: 1,
  sentAt: '2023-07-07T13:00:02.000Z',
  messageId: '<m1@example.com>',
  lastError: null,
  late: false,
  createdAt: '2023-07-06T13:00:00.000Z',
};

beforeEach(() => {
  fakeApi.reset();
  fakeApi.on('GET /api/audits/{auditId}/reminders/pause', () => ({
    paused: false,
    since: null,
    reason: null,
    pausedBy: null,
  }));
  fakeApi.on('GET /api/audits/{auditId}/reminders/policy', () => ({
    deadlineDaysBefore: [14, 7, 3, 1, 0],
    dueDateDaysBefore: [3, 1, 0],
    afterDueDaily: true,
    escalateDaysBefore: 3,
    sendHour: 9,
  }));
});

const remindersCard = async () => {
  renderInAudit(<RemindersPage />, { me: ada, audit });
  return screen.findByRole('region', { name: 'Reminders' });
};

describe('RemindersPage', () => {
  it('says why nothing is planned for an audit long past its deadline, instead of a bare "none planned"', async () => {
    fakeApi.on('GET /api/audits/{auditId}/reminders', () => ({ ...page([]), stopped: pastDeadline }));
    const card = await remindersCard();
    expect(
      await within(card).findByText('Reminders have stopped: the deadline passed more than 30 days ago'),
    ).toBeInTheDocument();
    expect(card).toHaveTextContent(
      'The deadline was Wed, Jun 7, 2023; nobody has been reminded since Fri, Jul 7, 2023.',
    );
    expect(card).toHaveTextContent('Moving the deadline (a granted extension, on the Overview) starts them again.');
    expect(card).not.toHaveTextContent('No reminders planned');
  });

  it("names each reminder's state as the filter above the list does (Planned, not SCHEDULED)", async () => {
    const planned = { ...sent, id: 'r2', status: 'SCHEDULED' as const, sentAt: null, messageId: null, attempts: 0 };
    fakeApi.on('GET /api/audits/{auditId}/reminders', () => page([planned, sent]));
    const card = await remindersCard();
    const rows = within(await within(card).findByRole('table', { name: 'Reminders' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Planned');
    expect(rows[1]).not.toHaveTextContent(/scheduled/i);
    expect(rows[2]).toHaveTextContent('Sent');
    expect(within(card).getByRole('radio', { name: 'Planned' })).toBeInTheDocument();
  });

  it('says it above the reminders already sent', async () => {
    const stopped = { ...pastDeadline, reason: 'AUDIT_SUBMITTED' as const, lastReminderDay: null };
    fakeApi.on('GET /api/audits/{auditId}/reminders', () => ({ ...page([sent]), stopped }));
    const card = await remindersCard();
    expect(await within(card).findByRole('alert')).toHaveTextContent('Reminders have stopped: the audit was submitted');
    expect(within(card).getByRole('table', { name: 'Reminders' })).toBeInTheDocument();
  });

  it('keeps the plain empty state when reminders are running and none is due yet', async () => {
    fakeApi.on('GET /api/audits/{auditId}/reminders', () => ({ ...page([]), stopped: null }));
    const card = await remindersCard();
    expect(await within(card).findByText('No reminders planned')).toBeInTheDocument();
  });
});
