import { renderReminderDigest } from './reminder-digest';

describe('renderReminderDigest', () => {
  const item = {
    auditTitle: 'Annual audit',
    auditReference: 'AUD-1',
    subject: 'Notes <app>',
    requestOrdinal: 2,
    requestTitle: 'Privacy policy',
    status: 'IN_PROGRESS',
    dueDate: '2023-06-02',
    deadline: new Date('2023-06-07T21:00:00Z'),
    overdue: true,
    assigneeName: 'Ann',
    link: 'http://localhost:3000/audits/a/responses/r',
  };

  it('lists each item with its due date and the deadline in the recipient zone, in text and escaped HTML', () => {
    const mail = renderReminderDigest({
      recipientName: 'Bo',
      recipientEmail: 'bo@example.com',
      timeZone: 'America/Los_Angeles',
      items: [item],
    });
    expect(mail.subject).toBe('AuditDesk: 1 open item (1 overdue)');
    expect(mail.text).toContain('AUD-1 / Notes <app> / request 2: Privacy policy');
    expect(mail.text).toContain('due Fri 2 Jun 2023; deadline Wed 7 Jun 2023, 14:00 PDT');
    expect(mail.html).toContain('Notes &lt;app&gt;');
    expect(mail.html).not.toContain('<app>');
  });
});
