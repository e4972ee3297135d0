import { DateTime } from 'luxon';
import type { OutgoingMail } from './mail-transport';

export interface DigestItem {
  auditTitle: string;
  auditReference: string;
  /** The audited app. */
  subject: string;
  requestOrdinal: number;
  requestTitle: string;
  status: string;
  /** Internal due date as "YYYY-MM-DD" (a calendar day), or null. */
  dueDate: string | null;
  /** The audit's external deadline. */
  deadline: Date;
  overdue: boolean;
  /** Who the item waits on (shown to reviewers and lead counsel). */
  assigneeName: string | null;
  link: string;
}

export interface DigestInput {
  recipientName: string;
  recipientEmail: string;
  /** Dates and times are shown in this zone. */
  timeZone: string;
  items: DigestItem[];
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const deadlineIn = (deadline: Date, zone: string) =>
  DateTime.fromJSDate(deadline, { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');

const dueIn = (day: string | null) => (day ? DateTime.fromISO(day).toFormat('ccc d LLL yyyy') : 'no due date');

/** One email listing every open item the recipient is reminded of, across audits. */
export function renderReminderDigest(input: DigestInput): OutgoingMail {
  const overdue = input.items.filter((i) => i.overdue).length;
  const subject = `AuditDesk: ${input.items.length} open item${input.items.length === 1 ? '' : 's'}${overdue ? ` (${overdue} overdue)` : ''}`;
  const line = (i: DigestItem) =>
    [
      `- ${i.auditReference} / ${i.subject} / request ${i.requestOrdinal}: ${i.requestTitle}`,
      `  status ${i.status}${i.overdue ? ' (OVERDUE)' : ''}; due ${dueIn(i.dueDate)}; deadline ${deadlineIn(i.deadline, input.timeZone)}`,
      ...(i.assigneeName ? [`  assignee: ${i.assigneeName}`] : []),
      `  ${i.link}`,
    ].join('\n');
  const text = [
    `Hello ${input.recipientName},`,
    '',
    'These items are still open:',
    '',
    ...input.items.map(line),
    '',
  ].join('\n');
  const rows = input.items
    .map(
      (i) =>
        `<tr><td>${escapeHtml(i.auditReference)}</td><td>${escapeHtml(i.subject)}</td>` +
        `<td><a href="${escapeHtml(i.link)}">${i.requestOrdinal}. ${escapeHtml(i.requestTitle)}</a></td>` +
        `<td>${escapeHtml(i.status)}${i.overdue ? ' <strong>OVERDUE</strong>' : ''}</td>` +
        `<td>${escapeHtml(dueIn(i.dueDate))}</td><td>${escapeHtml(deadlineIn(i.deadline, input.timeZone))}</td>` +
        `<td>${escapeHtml(i.assigneeName ?? '')}</td></tr>`,
    )
    .join('');
  const html =
    `<p>Hello ${escapeHtml(input.recipientName)},</p><p>These items are still open:</p>` +
    `<table><thead><tr><th>Audit</th><th>App</th><th>Item</th><th>Status</th><th>Due</th><th>Deadline</th><th>Assignee</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>`;
  return { to: input.recipientEmail, subject, text, html };
}
