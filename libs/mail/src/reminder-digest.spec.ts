import { createHmac } from 'node:crypto';
import { type DigestAudit, type DigestInput, type DigestItem, renderReminderDigest } from './reminder-digest';
import { signUnsubscribeToken, UNSUBSCRIBE_LINK_DAYS, verifyUnsubscribeToken } from './unsubscribe-link';

// Tuesday 30 May 2023, 16:00 UTC (09:00 in Redmond). The reference audit is due Wednesday
// 7 June, 17:00 New York; a second audit is due in July.
const now = new Date('2023-05-30T16:00:00Z');
const twitter: DigestAudit = {
  id: 'a1',
  title: 'Developer agreement audit',
  referenceCode: 'TW-2023-01',
  demandingParty: 'Twitter',
  respondingParty: 'Microsoft',
  deadline: new Date('2023-06-07T21:00:00Z'),
  deadlineZone: 'America/New_York',
  role: 'CONTRIBUTOR',
  link: 'https://audits.example.com/audits/a1',
  unsubscribeLink: 'https://audits.example.com/api/reminders/unsubscribe/t1',
};
const acme: DigestAudit = {
  ...twitter,
  id: 'a2',
  title: 'Licence audit',
  referenceCode: 'AC-7',
  demandingParty: 'Acme <Corp>',
  respondingParty: 'Initech',
  deadline: new Date('2023-07-14T21:00:00Z'),
  role: 'LEAD_COUNSEL',
  unsubscribeLink: 'https://audits.example.com/api/reminders/unsubscribe/t2',
};
const item = (over: Partial<DigestItem>): DigestItem => ({
  auditId: 'a1',
  subject: 'Outlook',
  requestOrdinal: 1,
  requestTitle: 'Data processing register',
  status: 'NOT_STARTED',
  dueDate: '2023-06-02',
  assigneeName: 'Owen Owner',
  assignedToRecipient: true,
  reviewedByRecipient: false,
  link: 'https://audits.example.com/audits/a1/responses/r1',
  ...over,
});
const input = (over: Partial<DigestInput>): DigestInput => ({
  recipientName: 'Owen Owner',
  recipientEmail: 'owen@example.com',
  timeZone: 'America/Los_Angeles',
  now,
  audits: [twitter],
  items: [],
  profileLink: 'https://audits.example.com/profile',
  unsubscribeLink: 'https://audits.example.com/api/reminders/unsubscribe/all',
  ...over,
});

describe('renderReminderDigest', () => {
  it('names the audit and what is due when in the subject, built from the data', () => {
    const mail = renderReminderDigest(
      input({
        items: [
          item({ subject: 'Outlook' }),
          item({ subject: 'Teams', status: 'IN_PROGRESS' }),
          item({ subject: 'Bing', status: 'CHANGES_REQUESTED' }),
          item({ subject: 'Xbox', dueDate: '2023-05-26' }),
          item({ subject: 'Azure', dueDate: null }),
        ],
      }),
    );
    // Three due Friday 2 June, one overdue since Friday 26 May; the fifth is due at the deadline.
    expect(mail.subject).toBe('Twitter v. Microsoft audit: 3 items due Friday, 1 overdue');
    expect(renderReminderDigest(input({ items: [item({ dueDate: '2023-05-31' })] })).subject).toBe(
      'Twitter v. Microsoft audit: 1 item due tomorrow',
    );
    expect(renderReminderDigest(input({ items: [item({ dueDate: '2023-05-29' })] })).subject).toBe(
      'Twitter v. Microsoft audit: 1 item overdue',
    );
  });

  it('gives each item its reason, days left in the recipient zone, the status as the UI says it and who has it', () => {
    const mail = renderReminderDigest(
      input({
        items: [
          item({ subject: 'Outlook' }),
          item({ subject: 'Xbox', dueDate: '2023-05-26', status: 'IN_REVIEW', assignedToRecipient: false }),
          item({ subject: 'Azure', dueDate: null, assigneeName: null, assignedToRecipient: false }),
        ],
      }),
    );
    const lines = mail.text.split('\n');
    const after = (start: string) => lines[lines.findIndex((l) => l.startsWith(start)) + 1].trim();
    // The overdue item comes first.
    expect(lines.filter((l) => l.startsWith('- '))).toEqual([
      '- Xbox, request 1: Data processing register',
      '- Outlook, request 1: Data processing register',
      '- Azure, request 1: Data processing register',
    ]);
    expect(after('- Xbox')).toBe(
      'overdue since its due date, Fri 26 May (4 days). Status: In review. With: Owen Owner.',
    );
    expect(after('- Outlook')).toBe('due in 3 days (Fri 2 Jun). Status: Not started. With: you.');
    expect(after('- Azure')).toBe(
      'due at the deadline, in 8 days (Wed 7 Jun). Status: Not started. With: nobody yet (unassigned).',
    );
    expect(mail.text).toContain('TWITTER V. MICROSOFT AUDIT (TW-2023-01)');
    expect(mail.text).toContain('Developer agreement audit: Twitter (demanding) v. Microsoft (responding)');
    expect(mail.text).toContain('Response deadline Wed 7 Jun 2023, 14:00 PDT (8 days left)');
    expect(mail.text).not.toContain('NOT_STARTED');
    expect(mail.html).not.toContain('NOT_STARTED');
  });

  it('counts days in the recipient zone: late on Tuesday in Tokyo is already Wednesday', () => {
    const mail = renderReminderDigest(input({ timeZone: 'Asia/Tokyo', items: [item({})] }));
    expect(mail.text).toContain('due in 2 days (Fri 2 Jun)');
    expect(mail.text).toContain('Response deadline Thu 8 Jun 2023, 06:00 GMT+9 (8 days left)');
  });

  it('says when the deadline itself has passed', () => {
    const later = new Date('2023-06-08T16:00:00Z');
    const mail = renderReminderDigest(input({ now: later, items: [item({ dueDate: null })] }));
    expect(mail.subject).toBe('Twitter v. Microsoft audit: 1 item overdue');
    expect(mail.text).toContain('overdue since the deadline, Wed 7 Jun 2023, 14:00 PDT');
    expect(mail.text).toContain('(passed)');
  });

  it('groups by audit, most urgent first, and says why the person gets each and how to stop it', () => {
    const mail = renderReminderDigest(
      input({
        audits: [acme, twitter],
        items: [
          item({ auditId: 'a2', subject: 'ERP', dueDate: null, assignedToRecipient: false, assigneeName: 'Ann' }),
          item({ auditId: 'a2', subject: 'CRM', dueDate: null, assignedToRecipient: false, reviewedByRecipient: true }),
          item({}),
        ],
      }),
    );
    expect(mail.subject).toBe('Twitter v. Microsoft audit: 1 item due Friday; 2 more in 1 other audit');
    const headings = mail.text.split('\n').filter((l) => l.endsWith(')') && l === l.toUpperCase());
    expect(headings).toEqual(['TWITTER V. MICROSOFT AUDIT (TW-2023-01)', 'ACME <CORP> V. INITECH AUDIT (AC-7)']);
    expect(mail.text).toContain('You receive this because 1 item is assigned to you.');
    expect(mail.text).toContain(
      'You receive this because you are lead counsel on the Acme <Corp> v. Initech audit and you review 1 item.',
    );
    expect(mail.text).toContain(`Stop reminders of the Twitter v. Microsoft audit: ${twitter.unsubscribeLink}`);
    expect(mail.text).toContain(`Stop reminders of the Acme <Corp> v. Initech audit: ${acme.unsubscribeLink}`);
    expect(mail.text).toContain('change your zone in your profile: https://audits.example.com/profile');
  });

  it('is a whole HTML document with inline styles, escaped, and marked automatic with a one-click unsubscribe', () => {
    const mail = renderReminderDigest(
      input({ audits: [acme], items: [item({ auditId: 'a2', subject: 'Notes <app>' })] }),
    );
    expect(mail.html).toMatch(/^<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">/);
    expect(mail.html).toMatch(/<\/body><\/html>$/);
    expect(mail.html).not.toMatch(/<style|class=/);
    expect(mail.html).toContain('style="');
    expect(mail.html).toContain('Notes &lt;app&gt;');
    expect(mail.html).toContain('Acme &lt;Corp&gt; v. Initech audit');
    expect(mail.html).not.toContain('<app>');
    expect(mail.headers).toEqual({
      'Auto-Submitted': 'auto-generated',
      'List-Unsubscribe': '<https://audits.example.com/api/reminders/unsubscribe/all>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
});

describe('unsubscribe tokens', () => {
  const grant = {
    userId: '5d1e7c1a-2f6b-4c1e-9a57-0d3f2b7c9e10',
    auditIds: ['9b2c4e6f-8a1d-4b3c-a5e7-1f2d3c4b5a69'],
  };

  const sentAt = new Date('2023-05-30T08:00:00Z');
  const days = (n: number) => new Date(sentAt.getTime() + n * 86_400_000);

  it('carry the person and audits, and only under the key that signed them', () => {
    const token = signUnsubscribeToken('k'.repeat(32), grant, sentAt);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken('k'.repeat(32), token, sentAt)).toEqual({ expired: false, grant });
    expect(verifyUnsubscribeToken('x'.repeat(32), token, sentAt)).toBeNull();
    const [payload, sig] = token.split('.');
    const other = Buffer.from(`${grant.userId},${grant.userId}`).toString('base64url');
    expect(verifyUnsubscribeToken('k'.repeat(32), `${other}.${sig}`, sentAt)).toBeNull();
    expect(verifyUnsubscribeToken('k'.repeat(32), payload, sentAt)).toBeNull();
    expect(verifyUnsubscribeToken('k'.repeat(32), 'garbage', sentAt)).toBeNull();
  });

  it(`work for ${UNSUBSCRIBE_LINK_DAYS} days after the digest was sent, then say they expired`, () => {
    const token = signUnsubscribeToken('k'.repeat(32), grant, sentAt);
    expect(UNSUBSCRIBE_LINK_DAYS).toBe(60);
    expect(verifyUnsubscribeToken('k'.repeat(32), token, days(59.9))).toEqual({ expired: false, grant });
    expect(verifyUnsubscribeToken('k'.repeat(32), token, days(60))).toEqual({ expired: true });
    // A link from before links expired (user then audits, no expiry) counts as expired.
    const key = 'k'.repeat(32);
    const old = Buffer.from([grant.userId, ...grant.auditIds].join(','), 'utf8').toString('base64url');
    const oldSig = createHmac('sha256', key).update(`reminders-unsubscribe:v1|${old}`).digest('base64url');
    expect(verifyUnsubscribeToken(key, `${old}.${oldSig}`, sentAt)).toEqual({ expired: true });
  });
});
