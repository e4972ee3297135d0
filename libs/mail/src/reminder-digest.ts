import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import {
  AUDIT_ROLE_WORDS,
  type AuditRole,
  calendarDaysBetween,
  isOverdue,
  RESPONSE_STATUS_LABEL,
  type ResponseStatus,
  todayIn,
} from '@app/domain';
import type { OutgoingMail } from './mail-transport';
import { escapeHtml } from './html';

// The reminder digest as a lawyer reads it: the subject names the most urgent audit and what is
// due when; the body groups the items by audit (parties, deadline, days left) and gives each
// item its reason; the footer says why this person gets it and how to change that. Pure: the
// worker gathers the data, this decides every word.

export interface DigestAudit {
  id: string;
  title: string;
  referenceCode: string;
  demandingParty: string;
  respondingParty: string;
  deadline: Date;
  /** The audit's deadline zone: due dates are calendar days in it. */
  deadlineZone: string;
  /** The recipient's role in the audit (null: not a member, e.g. an org admin reviewing). */
  role: AuditRole | null;
  link: string;
  /** Turns this person's reminders of this audit off (one click, no login). */
  unsubscribeLink: string;
}

export interface DigestItem {
  auditId: string;
  /** The audited app. */
  subject: string;
  requestOrdinal: number;
  requestTitle: string;
  status: ResponseStatus;
  /** Internal due date, "YYYY-MM-DD" in the audit's zone, or null. */
  dueDate: string | null;
  /** Who has it: null when unassigned. */
  assigneeName: string | null;
  assignedToRecipient: boolean;
  reviewedByRecipient: boolean;
  link: string;
}

export interface DigestInput {
  recipientName: string;
  recipientEmail: string;
  /** The recipient's zone: days left and times are counted and shown in it. */
  timeZone: string;
  now: Date;
  audits: DigestAudit[];
  items: DigestItem[];
  /** The recipient's profile (time zone), where the footer sends them. */
  profileLink: string;
  /** One-click unsubscribe from every audit of this digest (the List-Unsubscribe header). */
  unsubscribeLink: string;
}

/** Why an item is in the digest, from the recipient's point of view. */
export type ItemReason =
  | { kind: 'overdue'; since: 'due-date' | 'deadline'; day: string; daysLate: number }
  | { kind: 'due'; day: string; daysLeft: number }
  | { kind: 'deadline'; day: string; daysLeft: number };

const dayOf = (instant: Date, zone: string) => todayIn(zone, instant);
const daysBetween = calendarDaysBetween;
/** "Fri 2 Jun" by "YYYY-MM-DD" (kept: a digest names the same few days on every line). */
const shortDays = new LRUCache<string, string>({
  max: 1_000,
  memoMethod: (day) => DateTime.fromISO(day, { zone: 'utc' }).toFormat('ccc d LLL'),
});
const shortDay = (day: string) => shortDays.memo(day);
const deadlineText = (deadline: Date, zone: string) =>
  DateTime.fromJSDate(deadline, { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');

/**
 * The item's reason. Due dates are calendar days of the audit's zone and are shown as such;
 * days left count from today in the recipient's zone. An item with no due date (or one after
 * the deadline) is due at the deadline.
 */
export function itemReason(item: DigestItem, audit: DigestAudit, zone: string, now: Date): ItemReason {
  const today = dayOf(now, zone);
  const deadlineDay = dayOf(audit.deadline, zone);
  const dueFirst = item.dueDate !== null && item.dueDate < dayOf(audit.deadline, audit.deadlineZone);
  const overdue = isOverdue(
    { status: item.status, dueDate: item.dueDate ? new Date(`${item.dueDate}T00:00:00Z`) : null },
    audit.deadline,
    audit.deadlineZone,
    now,
  );
  if (overdue) {
    const since = now > audit.deadline && !dueFirst ? 'deadline' : 'due-date';
    const day = since === 'deadline' ? deadlineDay : item.dueDate!;
    return { kind: 'overdue', since, day, daysLate: daysBetween(day, today) };
  }
  if (dueFirst) return { kind: 'due', day: item.dueDate!, daysLeft: daysBetween(today, item.dueDate!) };
  return { kind: 'deadline', day: deadlineDay, daysLeft: daysBetween(today, deadlineDay) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const inDays = (n: number) => (n === 0 ? 'today' : n === 1 ? 'tomorrow' : `in ${n} days`);

/** "due in 3 days (Fri 2 Jun)", "overdue since its due date, Fri 2 Jun (5 days)". */
export function reasonText(reason: ItemReason, audit: DigestAudit, zone: string): string {
  switch (reason.kind) {
    case 'overdue':
      return reason.since === 'deadline'
        ? `overdue since the deadline, ${deadlineText(audit.deadline, zone)}`
        : `overdue since its due date, ${shortDay(reason.day)} (${plural(reason.daysLate, 'day')})`;
    case 'due':
      return `due ${inDays(reason.daysLeft)} (${shortDay(reason.day)})`;
    case 'deadline':
      return `due at the deadline, ${inDays(reason.daysLeft)} (${shortDay(reason.day)})`;
  }
}

/** "Twitter v. Microsoft audit": the parties, as lawyers name a matter. */
export const auditName = (audit: Pick<DigestAudit, 'demandingParty' | 'respondingParty'>): string =>
  `${audit.demandingParty} v. ${audit.respondingParty} audit`;

/** "today", "tomorrow", "Friday" within the week, else "on 14 Jun". */
const whenText = (day: string, today: string) => {
  const n = daysBetween(today, day);
  if (n <= 1) return n === 0 ? 'today' : 'tomorrow';
  return n < 7 ? DateTime.fromISO(day, { zone: 'utc' }).toFormat('cccc') : `on ${shortDay(day)}`;
};

interface AuditGroup {
  audit: DigestAudit;
  entries: { item: DigestItem; reason: ItemReason }[];
  overdue: number;
  /** The soonest day something not yet overdue is due, and how many items are due then. */
  next: { day: string; count: number } | null;
}

const urgency = (r: ItemReason) => (r.kind === 'overdue' ? `0${r.day}` : `1${r.day}`);

function groupByAudit(input: DigestInput): AuditGroup[] {
  const groups: AuditGroup[] = [];
  for (const audit of input.audits) {
    const entries = input.items
      .filter((i) => i.auditId === audit.id)
      .map((item) => ({ item, reason: itemReason(item, audit, input.timeZone, input.now) }))
      // Stable: within one urgency the caller's order (app, then request) stays.
      .sort((a, b) => (urgency(a.reason) < urgency(b.reason) ? -1 : urgency(a.reason) > urgency(b.reason) ? 1 : 0));
    if (entries.length === 0) continue;
    const upcoming = entries.filter((e) => e.reason.kind !== 'overdue').map((e) => e.reason.day);
    const nextDay = upcoming.length ? upcoming.reduce((a, b) => (a < b ? a : b)) : null;
    groups.push({
      audit,
      entries,
      overdue: entries.length - upcoming.length,
      next: nextDay ? { day: nextDay, count: upcoming.filter((d) => d === nextDay).length } : null,
    });
  }
  // Most urgent first: overdue work, then the soonest due day.
  const key = (g: AuditGroup) => (g.overdue ? `0${-g.overdue}` : `1${g.next?.day ?? ''}`);
  return groups.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** "Twitter v. Microsoft audit: 3 items due Friday, 1 overdue; 2 more in 1 other audit". */
export function digestSubject(groups: AuditGroup[], today: string): string {
  const [first, ...others] = groups;
  const parts: string[] = [];
  if (first.next) parts.push(`${plural(first.next.count, 'item')} due ${whenText(first.next.day, today)}`);
  if (first.overdue) parts.push(first.next ? `${first.overdue} overdue` : `${plural(first.overdue, 'item')} overdue`);
  const rest = others.reduce((n, g) => n + g.entries.length, 0);
  const more = others.length ? `; ${rest} more in ${plural(others.length, 'other audit')}` : '';
  return `${auditName(first.audit)}: ${parts.join(', ')}${more}`;
}

/** The footer's "why you get this" for one audit. */
export function whyReceived(group: AuditGroup): string {
  const mine = group.entries.filter((e) => e.item.assignedToRecipient).length;
  const reviewing = group.entries.filter((e) => e.item.reviewedByRecipient).length;
  const reasons: string[] = [];
  if (group.audit.role === 'LEAD_COUNSEL') reasons.push(`you are lead counsel on the ${auditName(group.audit)}`);
  if (mine) reasons.push(`${plural(mine, 'item is', 'items are')} assigned to you`);
  if (reviewing) reasons.push(`you review ${plural(reviewing, 'item')}`);
  if (reasons.length === 0)
    reasons.push(
      group.audit.role
        ? `you are ${AUDIT_ROLE_WORDS[group.audit.role]} on the ${auditName(group.audit)}`
        : `counsel sent you the open items of the ${auditName(group.audit)}`,
    );
  const last = reasons.pop()!;
  return `${reasons.length ? `${reasons.join(', ')} and ${last}` : last}`;
}

const withWhom = (item: DigestItem) =>
  item.assignedToRecipient ? 'you' : (item.assigneeName ?? 'nobody yet (unassigned)');

const deadlineLine = (audit: DigestAudit, zone: string, now: Date) => {
  const left = daysBetween(dayOf(now, zone), dayOf(audit.deadline, zone));
  const count =
    now > audit.deadline ? 'passed' : left === 0 ? 'today' : left === 1 ? '1 day left' : `${left} days left`;
  return `Response deadline ${deadlineText(audit.deadline, zone)} (${count})`;
};

/** One email listing every open item the recipient is reminded of, grouped by audit. */
export function renderReminderDigest(input: DigestInput): OutgoingMail {
  const zone = input.timeZone;
  const groups = groupByAudit(input);
  const subject = digestSubject(groups, dayOf(input.now, zone));
  const total = groups.reduce((n, g) => n + g.entries.length, 0);
  const intro = `${plural(total, 'item')} in ${plural(groups.length, 'audit')} still ${total === 1 ? 'needs' : 'need'} work. Times are in your zone, ${zone}.`;

  const text = [
    `Hello ${input.recipientName},`,
    '',
    intro,
    ...groups.flatMap((g) => [
      '',
      `${auditName(g.audit).toUpperCase()} (${g.audit.referenceCode})`,
      `${g.audit.title}: ${g.audit.demandingParty} (demanding) v. ${g.audit.respondingParty} (responding)`,
      deadlineLine(g.audit, zone, input.now),
      g.audit.link,
      '',
      ...g.entries.flatMap(({ item, reason }) => [
        `- ${item.subject}, request ${item.requestOrdinal}: ${item.requestTitle}`,
        `  ${reasonText(reason, g.audit, zone)}. Status: ${RESPONSE_STATUS_LABEL[item.status]}. With: ${withWhom(item)}.`,
        `  ${item.link}`,
      ]),
    ]),
    '',
    '--',
    ...groups.flatMap((g) => [
      `You receive this because ${whyReceived(g)}.`,
      `Stop reminders of the ${auditName(g.audit)}: ${g.audit.unsubscribeLink}`,
    ]),
    `Reminders go out on business days at the hour counsel set for each audit, in your time zone (${zone}); change your zone in your profile: ${input.profileLink}`,
    'This message was sent automatically by AuditDesk; replies are not read.',
    '',
  ].join('\n');

  const cell = 'padding:8px 10px;border-top:1px solid #e2e6ea;vertical-align:top;font-size:14px;line-height:20px;';
  const head =
    'padding:6px 10px;text-align:left;font-size:12px;line-height:16px;color:#5c6670;font-weight:600;text-transform:uppercase;letter-spacing:0.03em;';
  const section = (g: AuditGroup) => {
    const rows = g.entries
      .map(({ item, reason }) => {
        const color =
          reason.kind === 'overdue' ? '#c92a2a' : reason.kind === 'due' && reason.daysLeft <= 1 ? '#b35c00' : '#1f2933';
        return (
          `<tr><td style="${cell}"><a href="${escapeHtml(item.link)}" style="color:#1c5fb8;text-decoration:underline;">` +
          `${escapeHtml(item.subject)}, request ${item.requestOrdinal}: ${escapeHtml(item.requestTitle)}</a></td>` +
          `<td style="${cell}color:${color};font-weight:${reason.kind === 'overdue' ? '600' : '400'};">${escapeHtml(reasonText(reason, g.audit, zone))}</td>` +
          `<td style="${cell}">${escapeHtml(RESPONSE_STATUS_LABEL[item.status])}</td>` +
          `<td style="${cell}">${escapeHtml(withWhom(item))}</td></tr>`
        );
      })
      .join('');
    return (
      `<h2 style="margin:28px 0 4px;font-size:18px;line-height:24px;color:#1f2933;">` +
      `<a href="${escapeHtml(g.audit.link)}" style="color:#1f2933;text-decoration:none;">${escapeHtml(auditName(g.audit))}</a></h2>` +
      `<p style="margin:0 0 2px;font-size:14px;line-height:20px;color:#3e4c59;">${escapeHtml(g.audit.title)} (${escapeHtml(g.audit.referenceCode)}): ` +
      `${escapeHtml(g.audit.demandingParty)} (demanding) v. ${escapeHtml(g.audit.respondingParty)} (responding)</p>` +
      `<p style="margin:0 0 10px;font-size:14px;line-height:20px;color:#3e4c59;"><strong>${escapeHtml(deadlineLine(g.audit, zone, input.now))}</strong></p>` +
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;">` +
      `<thead><tr><th style="${head}">Item</th><th style="${head}">Why now</th><th style="${head}">Status</th><th style="${head}">With</th></tr></thead>` +
      `<tbody>${rows}</tbody></table>`
    );
  };
  const footer =
    groups
      .map(
        (g) =>
          `<p style="margin:0 0 8px;">You receive this because ${escapeHtml(whyReceived(g))}. ` +
          `<a href="${escapeHtml(g.audit.unsubscribeLink)}" style="color:#5c6670;text-decoration:underline;">Stop reminders of the ${escapeHtml(auditName(g.audit))}</a>.</p>`,
      )
      .join('') +
    `<p style="margin:0 0 8px;">Reminders go out on business days at the hour counsel set for each audit, in your time zone (${escapeHtml(zone)}). ` +
    `<a href="${escapeHtml(input.profileLink)}" style="color:#5c6670;text-decoration:underline;">Change your time zone in your profile</a>.</p>` +
    `<p style="margin:0;">This message was sent automatically by AuditDesk; replies are not read.</p>`;
  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f4f5f7;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;background:#f4f5f7;"><tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" width="680" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;max-width:680px;background:#ffffff;border:1px solid #e2e6ea;">` +
    `<tr><td style="padding:24px 28px;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">` +
    `<p style="margin:0 0 8px;font-size:15px;line-height:22px;">Hello ${escapeHtml(input.recipientName)},</p>` +
    `<p style="margin:0;font-size:15px;line-height:22px;">${escapeHtml(intro)}</p>` +
    groups.map(section).join('') +
    `</td></tr><tr><td style="padding:16px 28px 24px;border-top:1px solid #e2e6ea;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#5c6670;">` +
    footer +
    `</td></tr></table></td></tr></table></body></html>`;

  return {
    to: input.recipientEmail,
    subject,
    text,
    html,
    headers: {
      // RFC 3834: an automatic message; auto-responders (out of office) must not answer it.
      'Auto-Submitted': 'auto-generated',
      // RFC 2369 and RFC 8058: the mail client's own "unsubscribe" button, one POST, no login.
      'List-Unsubscribe': `<${input.unsubscribeLink}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
