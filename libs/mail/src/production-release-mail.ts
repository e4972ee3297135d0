import { DateTime } from 'luxon';
import type { OutgoingMail } from './mail-transport';
import { escapeHtml } from './html';

// The two emails of a volume released to the other side's counsel: the link, then the code.
// Two messages, so that one email forwarded or read by the wrong person is not enough to
// download the volume. The expiry is in UTC: the recipient's zone is not known.

const expiry = (at: Date) => DateTime.fromJSDate(at, { zone: 'UTC' }).toFormat("ccc d LLL yyyy, HH:mm 'UTC'");

export interface ReleaseMailInput {
  to: string;
  recipientName: string;
  /** The producing party (the audit's responding party). */
  producingParty: string;
  volumeName: string;
  expiresAt: Date;
}

export function renderReleaseLinkMail(input: ReleaseMailInput & { link: string }): OutgoingMail {
  const lines = [
    `Dear ${input.recipientName},`,
    '',
    `${input.producingParty} has produced volume ${input.volumeName} to you. Download it here:`,
    input.link,
    '',
    'The page asks for a one-time code, which we sent in a separate email.',
    `The link works until ${expiry(input.expiresAt)}.`,
  ];
  return {
    to: input.to,
    subject: `Production volume ${input.volumeName} from ${input.producingParty}`,
    text: lines.join('\n'),
    html: [
      `<p>Dear ${escapeHtml(input.recipientName)},</p>`,
      `<p>${escapeHtml(input.producingParty)} has produced volume ${escapeHtml(input.volumeName)} to you. Download it here:<br><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
      `<p>The page asks for a one-time code, which we sent in a separate email. The link works until ${escapeHtml(expiry(input.expiresAt))}.</p>`,
    ].join('\n'),
  };
}

export function renderReleaseCodeMail(input: ReleaseMailInput & { code: string }): OutgoingMail {
  const lines = [
    `Dear ${input.recipientName},`,
    '',
    `Your code for volume ${input.volumeName} from ${input.producingParty} is:`,
    input.code,
    '',
    'Enter it on the page the download link opens (sent in a separate email).',
    `It works until ${expiry(input.expiresAt)}; after 5 wrong codes the link locks.`,
  ];
  return {
    to: input.to,
    subject: `Code for production volume ${input.volumeName}`,
    text: lines.join('\n'),
    html: [
      `<p>Dear ${escapeHtml(input.recipientName)},</p>`,
      `<p>Your code for volume ${escapeHtml(input.volumeName)} from ${escapeHtml(input.producingParty)} is:</p>`,
      `<p style="font-size:20px;letter-spacing:2px"><strong>${escapeHtml(input.code)}</strong></p>`,
      `<p>Enter it on the page the download link opens (sent in a separate email). It works until ${escapeHtml(expiry(input.expiresAt))}; after 5 wrong codes the link locks.</p>`,
    ].join('\n'),
  };
}
