import { DateTime } from 'luxon';
import type { OutgoingMail } from './mail-transport';
import { escapeHtml } from './html';

// The emails that carry a one-time link to an account: an invitation and a password reset.
// Plain wording, the link on a line of its own (mail clients wrap long lines), and when it
// stops working, in UTC (the person's zone is not known yet for an invitation).

const expiry = (at: Date) => DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat("ccc d LLL yyyy, HH:mm 'UTC'");

export interface InvitationMailInput {
  to: string;
  inviterName: string | null;
  /** The audit they are invited to, with their role; null for an invitation to the organisation. */
  audit: { title: string; referenceCode: string; roleLabel: string } | null;
  link: string;
  expiresAt: Date;
}

export function renderInvitationMail(input: InvitationMailInput): OutgoingMail {
  const who = input.inviterName ?? 'An administrator';
  const what = input.audit
    ? `the audit "${input.audit.title}" (${input.audit.referenceCode}) as ${input.audit.roleLabel}`
    : 'AuditDesk';
  const lines = [
    `${who} invited you to ${what}.`,
    '',
    'To accept, open this link and choose your name, time zone and password:',
    input.link,
    '',
    `The link works once and until ${expiry(input.expiresAt)}.`,
    'If you did not expect this invitation, ignore this email.',
  ];
  return {
    to: input.to,
    subject: input.audit ? `Invitation to ${input.audit.referenceCode} on AuditDesk` : 'Invitation to AuditDesk',
    text: lines.join('\n'),
    html: [
      `<p>${escapeHtml(who)} invited you to ${escapeHtml(what)}.</p>`,
      `<p>To accept, choose your name, time zone and password here:<br><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
      `<p>The link works once and until ${escapeHtml(expiry(input.expiresAt))}. If you did not expect this invitation, ignore this email.</p>`,
    ].join('\n'),
  };
}

export interface PasswordResetMailInput {
  to: string;
  name: string;
  link: string;
  expiresAt: Date;
}

export function renderPasswordResetMail(input: PasswordResetMailInput): OutgoingMail {
  const lines = [
    `Hello ${input.name},`,
    '',
    'An administrator asked for your AuditDesk password to be reset. Choose a new one here:',
    input.link,
    '',
    `The link works once and until ${expiry(input.expiresAt)}. Your current password keeps working until you choose a new one.`,
  ];
  return {
    to: input.to,
    subject: 'Reset your AuditDesk password',
    text: lines.join('\n'),
    html: [
      `<p>Hello ${escapeHtml(input.name)},</p>`,
      `<p>An administrator asked for your AuditDesk password to be reset. Choose a new one here:<br><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
      `<p>The link works once and until ${escapeHtml(expiry(input.expiresAt))}. Your current password keeps working until you choose a new one.</p>`,
    ].join('\n'),
  };
}
