import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import {
  defaultPreliminaryStatement,
  formatCalendarDate,
  generalObjections,
  requestDispositionLabel,
  reservationOfRights,
} from '@app/domain';
import type { RequestDispositionDto } from './dto/formal-response.dto';

// The response letter as one plain view (every value worded), printed by two writers: the
// Typst template `response-letter.typ` (PDF) and `responseLetterDocx` (Word, for counsel to
// edit). Both print the same view, so the two files say the same thing.

export interface LetterAudit {
  title: string;
  referenceCode: string;
  demandingParty: string;
  demandingCounselName: string | null;
  demandingCounselFirm: string | null;
  respondingParty: string;
  respondingCounselName: string | null;
  respondingCounselFirm: string | null;
  agreementTitle: string;
  auditClauseRef: string | null;
  letterDate: Date | null;
  deadlineTimeZone: string;
}

export interface LetterFields {
  firmName: string | null;
  firmAddress: string | null;
  addresseeAddress: string | null;
  preliminaryStatement: string | null;
  generalObjections: string | null;
  signerName: string | null;
  signerTitle: string | null;
}

export interface ResponseLetterView {
  title: string;
  reference: string;
  /** A draft (DRAFT on every page) while any request is not disposed (its own disposition, or one per subject). */
  draft: boolean;
  firm: { name: string; address: string[] };
  date: string;
  addressee: { lines: string[] };
  subject: string;
  salutation: string;
  preliminaryStatement: string;
  generalObjections: string[];
  requests: {
    heading: string;
    text: string;
    disposition: string;
    objections: string[];
    reservation: string | null;
    response: string;
    /** After the response, per subject whose own disposition differs: "As to <subject>: ...". */
    subjects: string[];
  }[];
  reservationOfRights: string;
  signature: { closing: string; name: string; title: string | null; firm: string; forParty: string };
}

/** "18 May 2023": a calendar day as a letter writes it. */
export function letterDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, date),
  );
}

export const defaultFirmName = (audit: LetterAudit): string => audit.respondingCounselFirm ?? audit.respondingParty;

export const defaultStatement = (audit: LetterAudit): string =>
  defaultPreliminaryStatement({
    respondingParty: audit.respondingParty,
    demandingParty: audit.demandingParty,
    agreementTitle: audit.agreementTitle,
    auditClauseRef: audit.auditClauseRef,
    letterDate: audit.letterDate ? letterDay(formatCalendarDate(audit.letterDate)) : null,
  });

/** Paragraphs separated by blank lines, trimmed. */
const paragraphsOf = (text: string): string[] =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((t) => t.trim())
    .filter(Boolean);

const lines = (text: string | null): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The letter's view; `today` is the letter's date (a calendar day in the audit's deadline zone). */
export function buildResponseLetterView(
  audit: LetterAudit,
  fields: LetterFields | null,
  requests: RequestDispositionDto[],
  today: string,
): ResponseLetterView {
  const firmName = fields?.firmName ?? defaultFirmName(audit);
  const addressee = [audit.demandingCounselName, audit.demandingCounselFirm].filter((l): l is string => !!l);
  if (addressee.length === 0) addressee.push(audit.demandingParty);
  const signerName = fields?.signerName ?? audit.respondingCounselName ?? firmName;
  const dated = audit.letterDate ? ` dated ${letterDay(formatCalendarDate(audit.letterDate))}` : '';
  return {
    title: `Response to the audit demand of ${audit.demandingParty} — ${audit.referenceCode}`,
    reference: audit.referenceCode,
    draft: requests.some((r) => !r.disposed),
    firm: { name: firmName, address: lines(fields?.firmAddress ?? null) },
    date: letterDay(today),
    addressee: { lines: [...addressee, ...lines(fields?.addresseeAddress ?? null)] },
    subject: `Re: ${audit.respondingParty}'s response to the audit demand of ${audit.demandingParty}${dated} under the ${audit.agreementTitle}`,
    salutation: audit.demandingCounselName ? `Dear ${audit.demandingCounselName}:` : 'Dear Counsel:',
    preliminaryStatement: fields?.preliminaryStatement ?? defaultStatement(audit),
    generalObjections: fields?.generalObjections
      ? paragraphsOf(fields.generalObjections)
      : generalObjections(audit.respondingParty),
    requests: requests.map((r) => ({
      heading: `Request No. ${r.ordinal}: ${r.title}`,
      text: r.text,
      disposition: requestDispositionLabel(r),
      objections: r.objections.map((o) => o.composed),
      reservation: r.reservation,
      response: r.responseText ?? '',
      subjects: r.subjectLines,
    })),
    reservationOfRights: reservationOfRights(audit.respondingParty),
    signature: {
      closing: 'Respectfully submitted,',
      name: signerName,
      title: fields?.signerTitle ?? null,
      firm: firmName,
      forParty: `Counsel for ${audit.respondingParty}`,
    },
  };
}

/** The same letter as a Word document, for counsel to edit. */
export function responseLetterDocx(view: ResponseLetterView): Promise<Buffer> {
  const p = (text: string, opts: { bold?: boolean; italics?: boolean; after?: number } = {}) =>
    new Paragraph({
      spacing: { after: opts.after ?? 160 },
      children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })],
    });
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ heading: level, spacing: { before: 240, after: 120 }, children: [new TextRun(text)] });
  const paragraphs = (text: string, opts: { italics?: boolean } = {}) =>
    text
      .split(/\r?\n\s*\r?\n/)
      .filter((t) => t.trim())
      .map((t) => p(t.trim(), opts));

  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: view.firm.name, bold: true, size: 28 })],
    }),
    ...view.firm.address.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(l)] })),
    p(''),
    p(view.date),
    ...view.addressee.lines.map((l) => p(l, { after: 0 })),
    p(''),
    p(view.subject, { bold: true }),
    p(view.salutation),
    heading('Preliminary statement', HeadingLevel.HEADING_1),
    ...paragraphs(view.preliminaryStatement),
    heading('General objections', HeadingLevel.HEADING_1),
    ...view.generalObjections.map((t, i) => p(`${i + 1}. ${t}`)),
    heading('Specific responses', HeadingLevel.HEADING_1),
  ];
  for (const r of view.requests) {
    children.push(heading(r.heading, HeadingLevel.HEADING_2));
    children.push(...paragraphs(r.text, { italics: true }));
    children.push(p(`Disposition: ${r.disposition}`, { bold: true }));
    if (r.objections.length > 0) {
      children.push(p('Objections:', { bold: true }));
      children.push(...r.objections.map((o) => p(o)));
    }
    if (r.reservation) children.push(p(r.reservation));
    if (r.response) children.push(...paragraphs(r.response));
    for (const line of r.subjects) children.push(...paragraphs(line));
  }
  children.push(
    heading('Reservation of rights', HeadingLevel.HEADING_1),
    p(view.reservationOfRights),
    p(view.signature.closing),
    p(''),
    p(view.signature.name, { bold: true, after: 0 }),
    ...(view.signature.title ? [p(view.signature.title, { after: 0 })] : []),
    p(view.signature.firm, { after: 0 }),
    p(view.signature.forParty),
  );
  const document = new Document({
    title: view.title,
    creator: 'AuditDesk',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        // As the PDF: a draft is marked on every page (in the header, which Word repeats) and every
        // page is numbered "Page X of Y — reference" at its foot, fields Word fills in.
        headers: {
          default: new Header({
            children: view.draft
              ? [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    children: [new TextRun({ text: 'DRAFT', bold: true, color: 'C00000', size: 28 })],
                  }),
                ]
              : [],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: 'Page ', size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                  new TextRun({ text: ' of ', size: 16 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }),
                  new TextRun({ text: ` — ${view.reference}`, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
