// The web UI in a real browser (Debian's chromium) against the real API and database with
// the demo seed: the API serves the built UI exactly as in production, and the real worker
// renders queued reports. A contributor fills in an answer, uploads evidence and submits;
// the reviewer approves, sees the progress move, and generates and downloads the PDF. Lead counsel
// files the demand letter and invites a person by email, who accepts from the link in the mail a
// real SMTP server received; an admin resets a password the same way. axe-core checks each main
// screen; screenshots go to test/artifacts/web/.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { AppConfig } from '@app/config';
import { Clock } from '@app/domain';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { seedDemo } from '../../prisma/seed/seed-demo';
import { DEMO_USERS, REFERENCE_AUDIT } from '../../prisma/seed/reference-case';
import { createTestApp, type TestApp } from '../support/app';
import { buildWebUi, docScreenshot, launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { useOwnDatabase } from '../support/own-database';
import { pdfPages } from '../support/pdf';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { seedServicesOf } from '../support/seed';
import { sha256 } from '../support/bytes';

// Each test is a whole journey through the browser (logins, dialogs, uploads, axe runs): on a
// busy 2-core machine the whole-intake journey took nearly seven minutes with nothing wrong. A
// hung step still fails.
jest.setTimeout(600_000);

// While the reference case was live: the deadline (7 June 2023) is 13 days away.
const NOW = '2023-05-25T14:00:00Z';
const userNamed = (key: string) => DEMO_USERS.find((u) => u.key === key)!;
/** A field's label exactly, with or without the asterisk of a required field. */
const asLabel = (label: string) => new RegExp(`^${label}( \\*)?$`);

describe('web UI in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page;
  let auditId: string;
  let dropDatabase: () => Promise<void>;
  let worker: INestApplication;
  let smtp: SmtpSink;

  beforeAll(async () => {
    await buildWebUi();
    // This spec changes the demo case: it gets a database of its own.
    dropDatabase = await useOwnDatabase('web');
    smtp = await startSmtpSink();
    t = await createTestApp({ now: NOW, env: { SMTP_URL: smtp.url, APP_URL: 'http://auditdesk.e2e.example' } });
    const workerRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(Clock)
      .useValue(t.clock)
      .compile();
    worker = workerRef.createNestApplication({ logger: ['error'] });
    await worker.init();
    t.app.get(AppConfig).DEMO_MODE = true;
    await seedDemo(t.prisma, seedServicesOf(t));
    auditId = (await t.prisma.audit.findUniqueOrThrow({ where: { referenceCode: REFERENCE_AUDIT.referenceCode } })).id;
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await smtp?.close();
    await dropDatabase?.();
  });

  /** A browser window of its own (cookies, clock), like a person at their own desk. */
  async function newWindow(viewport = { width: 1440, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, timezoneId: 'Europe/Dublin', acceptDownloads: true });
    contexts.push(context);
    // The browser's clock agrees with the API's FixedClock, so countdowns read as on that day.
    await context.clock.setFixedTime(new Date(NOW));
    return context.newPage();
  }

  beforeEach(async () => {
    page = await newWindow();
  });
  afterEach(() => Promise.all(contexts.splice(0).map((c) => c.close())));

  async function logIn(key: string, on = page): Promise<void> {
    const user = userNamed(key);
    await on.goto(`${base}/login`);
    // Demo mode lists the demo users; picking one fills in the form.
    await on.getByRole('button', { name: user.name }).click();
    await expectValue(on.getByLabel('Email'), user.email);
    await on.getByRole('button', { name: 'Log in', exact: true }).click();
    await on.getByRole('heading', { name: 'Audits' }).waitFor();
  }

  async function expectValue(locator: ReturnType<Page['getByLabel']>, value: string) {
    expect(await locator.inputValue()).toBe(value);
  }

  async function expectAccessible(name: string, on = page) {
    await screenshot(on, name);
    expect(await seriousA11yViolations(on)).toEqual([]);
  }

  /** The path of the one-time link in a mail, as the person would click it. */
  const linkIn = (mail: ReceivedMail, page: 'invitations' | 'password-resets'): string => {
    const match = new RegExp(`https?://[^/\\s]+(/${page}/[A-Za-z0-9_-]+)`).exec(mail.text);
    if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
    return match[1];
  };

  /** Opens a section of the audit (Overview, Grid, Report, ...) from its navigation. */
  const section = (on: Page, name: string) =>
    on.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name, exact: true }).click();

  const sha256Of = (file: string) => sha256(readFileSync(file));

  /**
   * Generates the report (a draft unless `final`) on the Report tab as the user would (the worker renders it), downloads
   * the PDF, checks it against the SHA-256 listed, and returns its text with white space collapsed.
   */
  async function downloadReport(on: Page, { final = false } = {}): Promise<string> {
    await section(on, 'Report');
    // A final report leaves out the answers not approved yet; a draft shows them, watermarked.
    if (final) await on.getByRole('switch', { name: /^Include answers not approved yet/ }).uncheck();
    await on.getByRole('button', { name: 'Generate PDF' }).click();
    const downloadPdf = on.getByRole('link', { name: 'Download the PDF' });
    await downloadPdf.waitFor({ timeout: 120_000 });
    const sha = await on.getByTestId('report-sha256').innerText();
    const [pdf] = await Promise.all([on.waitForEvent('download'), downloadPdf.click()]);
    const pdfPath = await pdf.path();
    expect(sha256Of(pdfPath)).toBe(sha);
    await on.getByRole('table', { name: 'Past reports' }).getByText(sha).waitFor();
    return pdfPages(readFileSync(pdfPath)).join(' ').replace(/\s+/g, ' ');
  }

  const doneCount = async (): Promise<number> => {
    const text = await page.getByTestId('progress-done').innerText();
    return Number(/(\d+) of \d+ responses done/.exec(text)![1]);
  };

  it('serves the UI at the root with a content security policy, and keeps the API as it was', async () => {
    const home = await request(t.http).get('/').set('Accept', 'text/html');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<div id="root">');
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    // A UI route the browser owns gets the same page.
    const deep = await request(t.http).get(`/audits/${auditId}/grid`).set('Accept', 'text/html');
    expect(deep.status).toBe(200);
    expect(deep.text).toBe(home.text);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)![1];
    const js = await request(t.http).get(asset);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    // Unknown API routes still answer problem+json, not the UI.
    const missing = await request(t.http).get('/api/nothing-here').set('Accept', 'text/html');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sends a visitor to the login page, which lists the demo users in demo mode', async () => {
    await page.goto(`${base}/audits`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(page.url()).toContain('/login?next=%2Faudits');
    await page.getByRole('heading', { name: 'Demo users' }).waitFor();
    for (const user of DEMO_USERS) expect(await page.getByRole('button', { name: user.name }).count()).toBe(1);
    await expectAccessible('01-login');

    // A wrong password shows the API's message.
    await page.getByLabel('Email').fill(userNamed('viewer').email);
    await page.getByLabel(/^Password/).fill('not-the-password');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' }).waitFor();
  });

  it('a legal team takes in a new demand in the UI: the letter filed and split into requests, systems from Excel, a colleague invited by email, cells staffed in bulk, answered, approved and reported', async () => {
    // An Oracle licence audit of a client: three systems, four requests. The README's "Your
    // first audit" shows these windows (AUDITDESK_SCREENSHOTS), at a laptop's size.
    const laptop = { width: 1280, height: 800 };
    await page.setViewportSize(laptop);
    const colleagueEmail = 'ines.duarte@northwind.example';
    const lead = userNamed('leadCounsel');
    const title = 'Oracle licence audit of Northwind';
    const letter = [
      'ORACLE AMERICA, INC. — License Management Services',
      '500 Oracle Parkway, Redwood Shores, CA 94065',
      '',
      'Northwind Logistics Ltd.',
      'Re: Notice of audit under section 12.3 of the Oracle Master Agreement',
      '',
      'Dear Ms. Ahern,',
      'Pursuant to section 12.3 of the Oracle Master Agreement, Oracle License Management Services will review',
      'your use of the Oracle Programs. Within 30 days of this letter, please provide:',
      '',
      '1. A list of every server, virtual machine and cluster on which Oracle Database Enterprise Edition is',
      'installed or running, with the number of processors of each.',
      '2. The output of the Oracle LMS collection tool for each database instance.',
      '3. The number of named users of Oracle E-Business Suite, by module.',
      '4. Every contract under which a third party hosts or operates Oracle Programs for you.',
      '',
      'Sincerely,',
      'Jane Roe',
      'Oracle License Management Services',
    ].join('\n');
    const systems = [
      ['Name', 'Product', 'Owner email'],
      ['E-Business Suite', 'Oracle E-Business Suite 12.2', lead.email],
      ['Data warehouse', 'Oracle Database Enterprise Edition 19c', lead.email],
      ['Billing database', 'Oracle Database Standard Edition 2', ''],
    ];
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Subjects').addRows(systems);
    const systemsXlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    // Intake: the demand's fields.
    await logIn('leadCounsel');
    await page.getByRole('button', { name: 'New audit' }).click();
    const form = page.getByRole('dialog', { name: 'New audit' });
    const field = (label: string) => form.getByLabel(asLabel(label));
    await field('Title').fill(title);
    await field('Reference').fill('ORCL-NW-2023-05');
    await field('Demanding party').fill('Oracle America, Inc.');
    await field('Responding party').fill('Northwind Logistics Ltd.');
    await field('Their counsel').fill('Jane Roe');
    await field('Agreement').fill('Oracle Master Agreement');
    await field('Audit clause').fill('12.3');
    await field('Letter dated').fill('2023-05-16');
    await field('Received on').fill('2023-05-22');
    await field('Deadline date').fill('2023-06-30');
    await expectAccessible('10-new-audit');
    await docScreenshot(page, 'first-audit-01-new-audit');
    await form.getByRole('button', { name: 'Open audit' }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    const audit = await t.prisma.audit.findUniqueOrThrow({ where: { referenceCode: 'ORCL-NW-2023-05' } });
    expect([audit.respondingParty, audit.demandingCounselName, audit.auditClauseRef, audit.status]).toEqual([
      'Northwind Logistics Ltd.',
      'Jane Roe',
      '12.3',
      'DRAFT',
    ]);

    // The demand letter, filed on the overview; the SHA-256 the API took is the file's.
    const letterFile = Buffer.from(letter);
    const letterSha = sha256(letterFile);
    await page.getByRole('button', { name: 'Add document' }).click();
    const addDocument = page.getByRole('dialog', { name: 'Add a document' });
    await addDocument
      .locator('input[type=file]')
      .setInputFiles({ name: 'oracle-audit-letter.txt', mimeType: 'text/plain', buffer: letterFile });
    await expectAccessible('11-add-document');
    await docScreenshot(page, 'first-audit-02-demand-letter');
    await addDocument.getByRole('button', { name: 'Add document' }).click();
    const letterRow = page.getByRole('row').filter({ hasText: 'oracle-audit-letter.txt' });
    const downloadLetter = letterRow.getByRole('link', { name: 'Download oracle-audit-letter.txt' });
    await downloadLetter.waitFor();
    expect(await letterRow.getByTestId('document-sha256').getAttribute('title')).toBe(letterSha);
    const [letterDownload] = await Promise.all([page.waitForEvent('download'), downloadLetter.click()]);
    expect(sha256Of(await letterDownload.path())).toBe(letterSha);
    const filed = await t.prisma.evidence.findFirstOrThrow({
      where: { auditId: audit.id, sourceDocumentKind: 'DEMAND_LETTER' },
      include: { versions: true },
    });
    expect([filed.title, filed.versions.map((v) => v.sha256)]).toEqual(['oracle-audit-letter.txt', [letterSha]]);

    // The empty grid leads to the import; the letter's text, pasted, is previewed item by item.
    await section(page, 'Grid');
    await page.getByRole('link', { name: 'Import requests' }).click();
    const importRequests = page.getByRole('dialog', { name: 'Import requests' });
    await importRequests.getByLabel('Text of the letter').fill(letter);
    await importRequests.getByRole('button', { name: 'Preview' }).click();
    const requestPreview = importRequests.getByRole('table', { name: 'Preview of the import' });
    await requestPreview.waitFor();
    await importRequests.getByText('4 new, 0 to update, 0 unchanged, 0 refused.').waitFor();
    await importRequests.getByText('Left out: the text before the first item').waitFor();
    expect(await requestPreview.getByText('New', { exact: true }).count()).toBe(4);
    await expectAccessible('12-import-requests');
    await requestPreview.scrollIntoViewIfNeeded();
    await docScreenshot(page, 'first-audit-03-import-requests');
    await importRequests.getByRole('button', { name: 'Import 4 requests' }).click();
    await importRequests.waitFor({ state: 'detached' });
    const requests = await t.prisma.auditRequest.findMany({
      where: { auditId: audit.id },
      orderBy: { ordinal: 'asc' },
    });
    expect(requests.map((r) => [r.ordinal, r.text])).toEqual([
      [
        1,
        'A list of every server, virtual machine and cluster on which Oracle Database Enterprise Edition is installed or running, with the number of processors of each.',
      ],
      [2, 'The output of the Oracle LMS collection tool for each database instance.'],
      [3, 'The number of named users of Oracle E-Business Suite, by module.'],
      [4, 'Every contract under which a third party hosts or operates Oracle Programs for you.'],
    ]);

    // The systems from an Excel file, previewed before the import.
    await page.getByRole('button', { name: 'Import subjects' }).click();
    const importSubjects = page.getByRole('dialog', { name: 'Import subjects' });
    await importSubjects.locator('input[type=file]').setInputFiles({
      name: 'northwind-systems.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: systemsXlsx,
    });
    await importSubjects.getByText('3 new, 0 to update, 0 unchanged, 0 refused.').waitFor();
    await docScreenshot(page, 'first-audit-04-import-subjects');
    await importSubjects.getByRole('button', { name: 'Import 3 subjects' }).click();
    await importSubjects.waitFor({ state: 'detached' });
    const subjectsTable = page.getByRole('table', { name: 'Subjects' });
    for (const [name] of systems.slice(1)) await subjectsTable.getByRole('cell', { name, exact: true }).waitFor();
    expect(await t.prisma.response.count({ where: { auditId: audit.id } })).toBe(12);

    // A colleague at the client, invited by email as a contributor.
    await page.getByRole('button', { name: 'Invite by email' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite by email' });
    await invite.getByLabel(asLabel('Email addresses')).fill(colleagueEmail);
    await expectAccessible('13-invite');
    await docScreenshot(page, 'first-audit-05-invite');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('region', { name: 'Members' }).getByText('Invitation not accepted yet').waitFor();

    // Lead counsel open the audit for work, after a confirmation.
    await page.getByRole('button', { name: 'Open for work' }).click();
    const openForWork = page.getByRole('dialog', { name: 'Open the audit for work?' });
    await openForWork.getByRole('button', { name: 'Open for work' }).click();
    await openForWork.waitFor({ state: 'detached' });
    expect((await t.prisma.audit.findUniqueOrThrow({ where: { id: audit.id } })).status).toBe('OPEN');
    await expectAccessible('14-setup');

    // The colleague, at their own desk, follows the link in the email the SMTP server received.
    const [mail] = await smtp.waitFor(colleagueEmail, 1);
    expect(mail.subject).toBe('Invitation to ORCL-NW-2023-05 on AuditDesk');
    expect(mail.text).toContain(`${lead.name} invited you to the audit "${title}" (ORCL-NW-2023-05) as contributor.`);
    const colleague = await newWindow(laptop);
    const invitationPath = linkIn(mail, 'invitations');
    await colleague.goto(`${base}${invitationPath}`);
    await colleague.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    expect(await colleague.getByRole('combobox', { name: /^Time zone/ }).inputValue()).toBe('Europe/Dublin');
    await colleague.getByLabel(asLabel('Your name')).fill('Ines Duarte');
    await colleague.getByLabel(asLabel('Password')).fill('ines-long-password');
    await colleague.getByLabel(asLabel('Repeat the password')).fill('ines-long-password');
    await expectAccessible('15-accept-invitation', colleague);
    await docScreenshot(colleague, 'first-audit-06-accept-invitation');
    await colleague.getByRole('button', { name: 'Accept and log in' }).click();
    await colleague.getByRole('link', { name: title }).waitFor();
    const ines = await t.prisma.user.findUniqueOrThrow({
      where: { email: colleagueEmail },
      include: { memberships: { where: { auditId: audit.id } } },
    });
    expect([ines.name, ines.timeZone, ines.memberships.map((m) => m.role)]).toEqual([
      'Ines Duarte',
      'Europe/Dublin',
      ['CONTRIBUTOR'],
    ]);
    // The link works once.
    await colleague.goto(`${base}${invitationPath}`);
    await colleague.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    await expectAccessible('16-invitation-used', colleague);

    // Her deadlines in her calendar: a feed URL, made after a confirmation.
    await colleague.goto(`${base}/audits`);
    await colleague.getByRole('link', { name: /^Your profile/ }).click();
    await colleague.getByRole('heading', { name: 'Your profile' }).waitFor();
    await colleague.getByRole('button', { name: 'Make a new feed URL' }).click();
    await colleague
      .getByRole('dialog', { name: 'Make a new calendar feed URL?' })
      .getByRole('button', { name: 'Make a new URL' })
      .click();
    expect(await colleague.getByRole('textbox', { name: 'Your feed URL' }).inputValue()).toMatch(
      /\/api\/calendar\/\S+/,
    );
    await expectAccessible('17-profile', colleague);

    // Counsel staff the grid in bulk: the data warehouse's row and request 2's column. The page
    // is loaded afresh, as when counsel come back to it: the team now lists Ines by her name.
    await section(page, 'Grid');
    await page.reload();
    await page.getByRole('checkbox', { name: 'Select every response of Data warehouse' }).check();
    await page.getByRole('checkbox', { name: 'Select every response to request 2' }).check();
    const selected = page.getByRole('region', { name: 'Selected responses' });
    await selected.getByText('6 selected').waitFor();
    await selected.getByRole('button', { name: 'Assign to…' }).click();
    const assign = page.getByRole('dialog', { name: 'Assign 6 responses' });
    await assign.getByRole('combobox', { name: 'Assign to' }).click();
    await assign.getByRole('option', { name: 'Ines Duarte' }).click();
    await assign
      .getByText('This changes 6 responses of the 6 selected: they will be assigned to Ines Duarte.')
      .waitFor();
    await expectAccessible('18-bulk-assign');
    await docScreenshot(page, 'first-audit-07-bulk-assign');
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '6 responses changed' }).waitFor();
    const cellOf = (on: Page, subject: string, ordinal: number, state: string) =>
      on.getByRole('button', { name: `${subject}, request ${ordinal}: ${state}` });
    await cellOf(page, 'Billing database', 2, 'Not started, assigned to Ines Duarte').waitFor();
    await cellOf(page, 'E-Business Suite', 1, `Not started, assigned to ${lead.name}`).waitFor();
    expect(await t.prisma.response.count({ where: { auditId: audit.id, assigneeId: ines.id } })).toBe(6);

    // The colleague answers the data request for the data warehouse and submits it.
    const answer =
      'The LMS collection tool ran on all four instances of the data warehouse on 30 May 2023; its output is attached unchanged.';
    await colleague.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audits' }).click();
    await colleague.getByRole('link', { name: title }).click();
    await section(colleague, 'Grid');
    await cellOf(colleague, 'Data warehouse', 2, 'Not started, assigned to Ines Duarte').click();
    await colleague.getByRole('heading', { name: 'What was demanded' }).waitFor();
    await colleague.getByLabel('Answer text').fill(answer);
    await colleague
      .getByTestId('save-state')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    await colleague.getByRole('button', { name: 'Submit for review' }).click();
    await colleague.getByRole('button', { name: 'Mark in progress' }).waitFor();
    await docScreenshot(colleague, 'first-audit-08-answer');

    // Counsel approve it: the grid, reloaded, shows it in review.
    await page.reload();
    await cellOf(page, 'Data warehouse', 2, 'In review, assigned to Ines Duarte').click();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('dialog', { name: 'Approve this answer?' }).getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Approve' }).waitFor({ state: 'detached' });
    await docScreenshot(page, 'first-audit-09-approved');
    const approved = await t.prisma.response.findFirstOrThrow({
      where: { auditId: audit.id, subject: { name: 'Data warehouse' }, request: { ordinal: 2 } },
      include: { approvedBy: true, answeredBy: true },
    });
    expect([approved.status, approved.answer, approved.answeredBy?.email, approved.approvedBy?.email]).toEqual([
      'APPROVED',
      answer,
      colleagueEmail,
      lead.email,
    ]);

    // The final report, rendered by the worker, downloaded and read back.
    const text = await downloadReport(page, { final: true });
    await docScreenshot(page, 'first-audit-10-report');
    expect(text).not.toContain('DRAFT');
    expect(text).toContain(title);
    expect(text).toContain('Northwind Logistics Ltd.');
    expect(text).toContain('Oracle America, Inc.');
    expect(text).toContain('The output of the Oracle LMS collection tool for each database instance.');
    expect(text).toContain(answer);
    for (const [name] of systems.slice(1)) expect(text).toContain(name);
  });

  it('a contributor answers, uploads evidence and submits; the reviewer approves; the progress moves; the PDF is generated and downloaded', async () => {
    const kenji = userNamed('xboxOwner');
    const cell = await t.prisma.response.findFirstOrThrow({
      where: { auditId, subject: { name: 'Xbox One Social' }, status: 'NOT_STARTED', assignee: { email: kenji.email } },
      include: { request: true },
      orderBy: { request: { ordinal: 'asc' } },
    });

    await logIn('xboxOwner');
    await page.getByRole('link', { name: REFERENCE_AUDIT.title }).waitFor();
    await expectAccessible('02-audits');

    await page.getByRole('link', { name: REFERENCE_AUDIT.title }).click();
    await page.getByRole('heading', { name: 'Progress per subject' }).waitFor();
    const doneBefore = await doneCount();
    await expectAccessible('03-overview');

    await section(page, 'Grid');
    const cellButton = page.getByRole('button', {
      name: `Xbox One Social, request ${cell.request.ordinal}: Not started, assigned to ${kenji.name}`,
    });
    await cellButton.waitFor();
    await expectAccessible('04-grid');

    await cellButton.click();
    await page.getByRole('heading', { name: 'What was demanded' }).waitFor();
    const answer =
      'The app read public Tweets through the v1.1 search endpoint only; no Twitter data left the feed cache (24 hours).';
    await page.getByLabel('Answer text').fill(answer);
    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    expect((await t.prisma.response.findUniqueOrThrow({ where: { id: cell.id } })).answer).toBe(answer);

    // Evidence: drop a file on the response; the SHA-256 the API computed shows when done.
    const exhibit = Buffer.from(
      `Xbox One Social: feed cache configuration, 24-hour expiry.\n${'cache-ttl=86400\n'.repeat(2000)}`,
    );
    const exhibitSha = sha256(exhibit);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'feed-cache-config.txt', mimeType: 'text/plain', buffer: exhibit });
    await page.getByTestId('upload-sha256').waitFor();
    expect(await page.getByTestId('upload-sha256').innerText()).toBe(exhibitSha);
    const downloadExhibit = page.getByRole('link', { name: 'Download feed-cache-config.txt' });
    await downloadExhibit.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), downloadExhibit.click()]);
    expect(sha256Of(await download.path())).toBe(exhibitSha);
    const storedEvidence = await t.prisma.evidence.findFirstOrThrow({
      where: { title: 'feed-cache-config.txt', responses: { some: { responseId: cell.id } } },
      include: { versions: true },
    });
    expect(storedEvidence.versions.map((v) => v.sha256)).toEqual([exhibitSha]);

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('button', { name: 'Mark in progress' }).waitFor();
    // A contributor may not approve: the action is not offered.
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await expectAccessible('05-response-contributor');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    await logIn('reviewer');
    await page.goto(`${base}/audits/${auditId}/responses/${cell.id}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    // Approving is confirmed, with an optional sign-off note that stays on the response.
    const approval = page.getByRole('dialog', { name: 'Approve this answer?' });
    await approval.getByLabel('Sign-off note (optional)').fill('Checked against the cache settings.');
    await expectAccessible('06-response-approve-dialog');
    await approval.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Approve' }).waitFor({ state: 'detached' });
    expect(await page.getByText('Approved', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('note', { name: 'Sign-off note' }).getByText('Checked against the cache settings.').waitFor();
    await expectAccessible('06-response-reviewer');
    const stored = await t.prisma.response.findUniqueOrThrow({ where: { id: cell.id }, include: { approvedBy: true } });
    expect([stored.status, stored.approvedBy?.email]).toEqual(['APPROVED', userNamed('reviewer').email]);

    await section(page, 'Overview');
    await page.getByRole('heading', { name: 'Progress per subject' }).waitFor();
    expect(await doneCount()).toBe(doneBefore + 1);

    await section(page, 'Activity');
    await page.getByRole('table', { name: 'Audit history' }).waitFor();
    await expectAccessible('07-activity');

    await section(page, 'Reminders');
    await page.getByRole('heading', { name: 'Reminder policy' }).waitFor();
    const deadlineDays = page.getByRole('textbox', { name: 'Days before the deadline', exact: true });
    // The policy loads into the form: a list of days such as "14, 7, 3, 1, 0".
    await page.waitForFunction(
      (el) => /^\d+(, \d+)*$/.test((el as { value: string }).value),
      await deadlineDays.elementHandle(),
    );
    await page.getByRole('table', { name: 'Reminders' }).waitFor();
    await expectAccessible('08-reminders');

    // The report: queued, rendered by the worker with progress, downloaded; its hash is listed.
    const text = await downloadReport(page);
    expect(text).toContain(REFERENCE_AUDIT.title);
    expect(text).toContain('no Twitter data left the feed cache');
    await expectAccessible('09-report');
  });

  it('words typed just before a reload, or before opening another page, are saved: the save goes as the page goes', async () => {
    const kenji = userNamed('xboxOwner');
    const [first, second] = await t.prisma.response.findMany({
      where: { auditId, subject: { name: 'Xbox One Social' }, status: 'NOT_STARTED', assignee: { email: kenji.email } },
      orderBy: { request: { ordinal: 'desc' } },
      take: 2,
    });
    const answerOf = async (id: string) => (await t.prisma.response.findUniqueOrThrow({ where: { id } })).answer;
    /** The answer as the API holds it, once it holds `expected` (a save sent as a page goes lands a moment later). */
    const savedAnswer = async (id: string, expected: string) => {
      for (let tries = 0; tries < 50 && (await answerOf(id)) !== expected; tries++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return answerOf(id);
    };
    await logIn('xboxOwner');
    // Should the browser ask before leaving, the person leaves (it does not ask when the waiting
    // save can go on the way out, as here).
    page.on('dialog', (dialog) => void dialog.accept());

    // A reload well within the autosave's pause (1.2 s) of the last keystroke.
    await page.goto(`${base}/audits/${auditId}/responses/${first.id}`);
    const editor = page.getByLabel('Answer text');
    await editor.fill('No Twitter data was stored');
    await editor.press('.');
    await page.reload();
    expect(await savedAnswer(first.id, 'No Twitter data was stored.')).toBe('No Twitter data was stored.');
    await page.getByRole('heading', { name: 'What was demanded' }).waitFor();
    expect(await page.getByLabel('Answer text').inputValue()).toBe('No Twitter data was stored.');
    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    expect(await page.getByText('Someone else saved this response first').count()).toBe(0);

    // Another page of the app, straight after typing.
    await page.goto(`${base}/audits/${auditId}/responses/${second.id}`);
    await page.getByLabel('Answer text').fill('Held for 24 hours');
    await page.getByRole('banner').getByRole('link', { name: 'Audits', exact: true }).click();
    await page.getByRole('heading', { name: 'Audits' }).waitFor();
    expect(await savedAnswer(second.id, 'Held for 24 hours')).toBe('Held for 24 hours');

    // The next response of the grid straight after typing, and back (Previous response, then
    // the browser's Back): the response shows the text saved as it was left, and typing on saves
    // over it without a conflict with the person's own save; the next response shows its own text.
    await page.goto(`${base}/audits/${auditId}/responses/${first.id}`);
    const nav = page.getByRole('navigation', { name: 'Responses of the grid' });
    await nav.getByText(/ of /).waitFor();
    const forward = (await nav.getByRole('button', { name: 'Next response' }).isEnabled())
      ? 'Next response'
      : 'Previous response';
    const backward = forward === 'Next response' ? 'Previous response' : 'Next response';
    let expected = 'No Twitter data was stored.';
    for (const returning of ['button', 'browser'] as const) {
      await page.getByLabel('Answer text').press('Control+End');
      await page.getByLabel('Answer text').pressSequentially(' None is.');
      expected += ' None is.';
      await nav.getByRole('button', { name: forward }).click();
      await page.waitForURL((url) => !url.pathname.endsWith(first.id));
      const neighbour = page.url().split('/').pop()!;
      expect(await savedAnswer(first.id, expected)).toBe(expected);
      await page.getByRole('heading', { name: 'What was demanded' }).waitFor();
      // Its answer, also once the save of the response left has come back.
      await page.waitForTimeout(500);
      // (The text field is "Notes" where the request has a form.)
      expect(
        await page
          .getByLabel(/^(Answer text|Notes)$/)
          .last()
          .inputValue(),
      ).toBe((await answerOf(neighbour)) ?? '');
      if (returning === 'button') await nav.getByRole('button', { name: backward }).click();
      else await page.goBack();
      await page.waitForURL((url) => url.pathname.endsWith(first.id));
      await page.getByRole('heading', { name: 'What was demanded' }).waitFor();
      expect(await page.getByLabel('Answer text').inputValue()).toBe(expected);
    }
    await page.getByLabel('Answer text').press('Control+End');
    await page.getByLabel('Answer text').pressSequentially(' Ever.');
    expected += ' Ever.';
    expect(await savedAnswer(first.id, expected)).toBe(expected);
    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    expect(await page.getByText('Someone else saved this response first').count()).toBe(0);
  });

  it('an admin finds a user and emails a password reset; the link sets a new password, which logs in', async () => {
    const maria = userNamed('paralegal');
    // An admin finds Maria, active, and sends her a password reset.
    await logIn('admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    const mariaRow = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: maria.email });
    await mariaRow.getByText('Active', { exact: true }).waitFor();
    await expectAccessible('20-users');
    await mariaRow.getByRole('button', { name: 'Reset the password of Maria Santos' }).click();
    await page
      .getByRole('dialog', { name: 'Reset the password of Maria Santos?' })
      .getByRole('button', { name: 'Send reset email' })
      .click();
    const [resetMail] = await smtp.waitFor(maria.email, 1);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    await page.goto(`${base}${linkIn(resetMail, 'password-resets')}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel(asLabel('New password')).fill('maria-newer-password');
    await page.getByLabel(asLabel('Repeat the password')).fill('maria-newer-password');
    await expectAccessible('21-password-reset');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email').fill(maria.email);
    await page.getByLabel(/^Password/).fill('maria-newer-password');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Audits' }).waitFor();
  });
});
