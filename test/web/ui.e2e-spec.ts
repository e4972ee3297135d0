// The web UI in a real browser (Debian's chromium) against the real API and database with
// the demo seed: the API serves the built UI exactly as in production, and the real worker
// renders queued reports. A contributor fills in an answer, uploads evidence and submits;
// the reviewer approves, sees the progress move, and generates and downloads the PDF. Lead counsel
// files the demand letter and invites a person by email, who accepts from the link in the mail a
// real SMTP server received; an admin resets a password the same way. axe-core checks each main
// screen; screenshots go to test/artifacts/web/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
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
import { buildWebUi, launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { useOwnDatabase } from '../support/own-database';
import { pdfPages } from '../support/pdf';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { seedServicesOf } from '../support/seed';

// Each test is a whole journey through the browser (logins, dialogs, uploads, axe runs): on a
// busy 2-core machine one took over three minutes with nothing wrong. A hung step still fails.
jest.setTimeout(420_000);

// While the reference case was live: the deadline (7 June 2023) is 13 days away.
const NOW = '2023-05-25T14:00:00Z';
const userNamed = (key: string) => DEMO_USERS.find((u) => u.key === key)!;
/** A field's label exactly, with or without the asterisk of a required field. */
const asLabel = (label: string) => new RegExp(`^${label}( \\*)?$`);

describe('web UI in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
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

  beforeEach(async () => {
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Europe/Dublin',
      acceptDownloads: true,
    });
    // The browser's clock agrees with the API's FixedClock, so countdowns read as on that day.
    await context.clock.setFixedTime(new Date(NOW));
    page = await context.newPage();
  });
  afterEach(() => context.close());

  async function logIn(key: string): Promise<void> {
    const user = userNamed(key);
    await page.goto(`${base}/login`);
    // Demo mode lists the demo users; picking one fills in the form.
    await page.getByRole('button', { name: user.name }).click();
    await expectValue(page.getByLabel('Email'), user.email);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Audits' }).waitFor();
  }

  async function expectValue(locator: ReturnType<Page['getByLabel']>, value: string) {
    expect(await locator.inputValue()).toBe(value);
  }

  async function expectAccessible(name: string) {
    await screenshot(page, name);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  /** The path of the one-time link in a mail, as the person would click it. */
  const linkIn = (mail: ReceivedMail, page: 'invitations' | 'password-resets'): string => {
    const match = new RegExp(`https?://[^/\\s]+(/${page}/[A-Za-z0-9_-]+)`).exec(mail.text);
    if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
    return match[1];
  };

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

  it('lead counsel sets up a new demand in the UI: the audit, a provision, two subjects and two requests make a grid of 4 cells', async () => {
    await logIn('leadCounsel');
    await page.getByRole('button', { name: 'New audit' }).click();
    const form = page.getByRole('dialog', { name: 'New audit' });
    const field = (label: string) => form.getByLabel(asLabel(label));
    await field('Title').fill('Database licence audit');
    await field('Reference').fill('ORCL-ACME-2023-05');
    await field('Demanding party').fill('Oracle America, Inc.');
    await field('Responding party').fill('Acme Corp.');
    await field('Their counsel').fill('Grace Hopper');
    await field('Agreement').fill('Master Licence Agreement');
    await field('Audit clause').fill('12.3');
    await field('Received on').fill('2023-05-22');
    await field('Deadline date').fill('2023-06-30');
    await expectAccessible('10-new-audit');
    await form.getByRole('button', { name: 'Open audit' }).click();
    await page.getByRole('heading', { name: 'Database licence audit', level: 1 }).waitFor();
    const created = await t.prisma.audit.findUniqueOrThrow({ where: { referenceCode: 'ORCL-ACME-2023-05' } });
    expect([created.demandingCounselName, created.auditClauseRef, created.status]).toEqual([
      'Grace Hopper',
      '12.3',
      'DRAFT',
    ]);

    // The empty grid says what to do and leads to the set-up, with the dialog of the action chosen.
    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name: 'Grid' }).click();
    await page.getByRole('link', { name: 'Add a subject' }).click();
    await page.getByRole('heading', { name: 'Subjects' }).waitFor();
    await page.getByRole('dialog', { name: 'Add a subject' }).getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Add provision' }).click();
    const provision = page.getByRole('dialog', { name: 'Add a provision' });
    await provision.getByLabel(asLabel('Clause')).fill('12.3');
    await provision.getByLabel(asLabel('Title')).fill('Audit');
    await provision.getByRole('button', { name: 'Add provision' }).click();
    await page.getByRole('table', { name: 'Provisions' }).getByRole('cell', { name: '12.3', exact: true }).waitFor();

    for (const name of ['E-Business Suite', 'Data warehouse']) {
      await page.getByRole('button', { name: 'Add subject' }).click();
      const subject = page.getByRole('dialog', { name: 'Add a subject' });
      await subject.getByLabel(asLabel('Name')).fill(name);
      await subject.getByRole('button', { name: 'Add subject' }).click();
      await page.getByRole('table', { name: 'Subjects' }).getByRole('cell', { name, exact: true }).waitFor();
    }

    const asked = [
      ['Deployments', 'List every server on which the programs are installed.'],
      ['Named users', 'List the named users of each program.'],
    ];
    for (const [i, [title, text]] of asked.entries()) {
      await page.getByRole('button', { name: 'Add request' }).click();
      const request = page.getByRole('dialog', { name: 'Add a request' });
      await request.getByLabel(asLabel('Title')).fill(title);
      await request.getByLabel(asLabel('Text of the request')).fill(text);
      if (i === 0) {
        await request.getByRole('combobox', { name: 'Cited provision' }).click();
        await page.getByRole('option', { name: '12.3 Audit' }).click();
        await expectAccessible('11-add-request');
      }
      await request.getByRole('button', { name: 'Add request' }).click();
      await page.getByRole('table', { name: 'Requests' }).getByText(title, { exact: true }).waitFor();
    }
    await expectAccessible('12-setup');

    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name: 'Grid' }).click();
    await page.getByRole('button', { name: 'Data warehouse, request 2: Not started, unassigned' }).waitFor();
    expect(await page.getByRole('button', { name: /, request \d+: / }).count()).toBe(4);
    expect(await t.prisma.response.count({ where: { auditId: created.id } })).toBe(4);
    const cited = await t.prisma.auditRequest.findFirstOrThrow({
      where: { auditId: created.id, ordinal: 1 },
      include: { provision: true },
    });
    expect([cited.title, cited.provision?.reference]).toEqual(['Deployments', '12.3']);

    // The overview: lead counsel opens the audit for work, after a confirmation.
    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Open for work' }).click();
    const confirm = page.getByRole('dialog', { name: 'Open the audit for work?' });
    await confirm.getByRole('button', { name: 'Open for work' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await t.prisma.audit.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('OPEN');
    await expectAccessible('13-overview-new-audit');
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

    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name: 'Grid' }).click();
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
    const exhibitSha = createHash('sha256').update(exhibit).digest('hex');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'feed-cache-config.txt', mimeType: 'text/plain', buffer: exhibit });
    await page.getByTestId('upload-sha256').waitFor();
    expect(await page.getByTestId('upload-sha256').innerText()).toBe(exhibitSha);
    const downloadExhibit = page.getByRole('link', { name: 'Download feed-cache-config.txt' });
    await downloadExhibit.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), downloadExhibit.click()]);
    expect(
      createHash('sha256')
        .update(readFileSync(await download.path()))
        .digest('hex'),
    ).toBe(exhibitSha);
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

    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Progress per subject' }).waitFor();
    expect(await doneCount()).toBe(doneBefore + 1);

    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('table', { name: 'Audit history' }).waitFor();
    await expectAccessible('07-activity');

    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name: 'Reminders' }).click();
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
    await page.getByRole('navigation', { name: 'Audit sections' }).getByRole('link', { name: 'Report' }).click();
    await page.getByRole('button', { name: 'Generate PDF' }).click();
    const downloadPdf = page.getByRole('link', { name: 'Download the PDF' });
    await downloadPdf.waitFor({ timeout: 120_000 });
    const sha = await page.getByTestId('report-sha256').innerText();
    const [pdf] = await Promise.all([page.waitForEvent('download'), downloadPdf.click()]);
    const pdfPath = await pdf.path();
    expect(createHash('sha256').update(readFileSync(pdfPath)).digest('hex')).toBe(sha);
    const text = pdfPages(readFileSync(pdfPath)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain(REFERENCE_AUDIT.title);
    expect(text).toContain('no Twitter data left the feed cache');
    await page.getByRole('table', { name: 'Past reports' }).getByText(sha).waitFor();
    await expectAccessible('09-report');
  }, 360_000); // two users, eight screens with axe and a rendered PDF: over three minutes on a busy machine

  it('lead counsel files the demand letter and invites by email; the invited person accepts from the mail; an admin resets a password by email', async () => {
    const invitedEmail = 'dana.ops@client.example';
    await logIn('leadCounsel');
    await page.goto(`${base}/audits/${auditId}`);

    // The demand letter, filed on the overview; the SHA-256 the API took is the file's.
    const letter = Buffer.from(`Demand letter of 16 May 2023.\n${'Pursuant to section VII...\n'.repeat(200)}`);
    const letterSha = createHash('sha256').update(letter).digest('hex');
    await page.getByRole('button', { name: 'Add document' }).click();
    const addDocument = page.getByRole('dialog', { name: 'Add a document' });
    await addDocument
      .locator('input[type=file]')
      .setInputFiles({ name: 'demand-letter-e2e.txt', mimeType: 'text/plain', buffer: letter });
    await expectAccessible('14-add-document');
    await addDocument.getByRole('button', { name: 'Add document' }).click();
    const letterRow = page.getByRole('row').filter({ hasText: 'demand-letter-e2e.txt' });
    await letterRow.getByRole('link', { name: 'Download demand-letter-e2e.txt' }).waitFor();
    expect(await letterRow.getByTestId('document-sha256').getAttribute('title')).toBe(letterSha);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      letterRow.getByRole('link', { name: 'Download demand-letter-e2e.txt' }).click(),
    ]);
    expect(
      createHash('sha256')
        .update(readFileSync(await download.path()))
        .digest('hex'),
    ).toBe(letterSha);
    const filed = await t.prisma.evidence.findFirstOrThrow({
      where: { auditId, sourceDocumentKind: 'DEMAND_LETTER', title: 'demand-letter-e2e.txt' },
      include: { versions: true },
    });
    expect(filed.versions.map((v) => v.sha256)).toEqual([letterSha]);

    // An invitation by email, as a contributor.
    await page.getByRole('button', { name: 'Invite by email' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite by email' });
    await invite.getByLabel(asLabel('Email')).fill(invitedEmail);
    await expectAccessible('15-invite');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('region', { name: 'Members' }).getByText('Invitation not accepted yet').waitFor();
    await expectAccessible('16-overview-documents-members');

    // The profile: a calendar feed URL, made after a confirmation.
    await page.getByRole('link', { name: /^Your profile/ }).click();
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    await page.getByRole('button', { name: 'Make a new feed URL' }).click();
    await page
      .getByRole('dialog', { name: 'Make a new calendar feed URL?' })
      .getByRole('button', { name: 'Make a new URL' })
      .click();
    expect(await page.getByRole('textbox', { name: 'Your feed URL' }).inputValue()).toMatch(/\/api\/calendar\/\S+/);
    await expectAccessible('17-profile');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    // The invited person follows the link in the mail, without a login.
    const [mail] = await smtp.waitFor(invitedEmail, 1);
    const invitationPath = linkIn(mail, 'invitations');
    await page.goto(`${base}${invitationPath}`);
    await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    expect(await page.getByRole('combobox', { name: /^Time zone/ }).inputValue()).toBe('Europe/Dublin');
    await page.getByLabel(asLabel('Your name')).fill('Dana Ops');
    await page.getByLabel(asLabel('Password')).fill('dana-long-password');
    await page.getByLabel(asLabel('Repeat the password')).fill('dana-long-password');
    await expectAccessible('18-accept-invitation');
    await page.getByRole('button', { name: 'Accept and log in' }).click();
    await page.getByRole('heading', { name: 'Audits' }).waitFor();
    await page.getByRole('link', { name: REFERENCE_AUDIT.title }).waitFor();
    const dana = await t.prisma.user.findUniqueOrThrow({
      where: { email: invitedEmail },
      include: { memberships: { where: { auditId } } },
    });
    expect([dana.name, dana.timeZone, dana.memberships.map((m) => m.role)]).toEqual([
      'Dana Ops',
      'Europe/Dublin',
      ['CONTRIBUTOR'],
    ]);

    // The link works once.
    await page.goto(`${base}${invitationPath}`);
    await page.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    await expectAccessible('19-invitation-used');
    await page.goto(`${base}/audits`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    // An admin sees Dana active with her last login, and sends her a password reset.
    await logIn('admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    const danaRow = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: invitedEmail });
    await danaRow.getByText('Active', { exact: true }).waitFor();
    await expectAccessible('20-users');
    await danaRow.getByRole('button', { name: 'Reset the password of Dana Ops' }).click();
    await page
      .getByRole('dialog', { name: 'Reset the password of Dana Ops?' })
      .getByRole('button', { name: 'Send reset email' })
      .click();
    const [, resetMail] = await smtp.waitFor(invitedEmail, 2);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    await page.goto(`${base}${linkIn(resetMail, 'password-resets')}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel(asLabel('New password')).fill('dana-newer-password');
    await page.getByLabel(asLabel('Repeat the password')).fill('dana-newer-password');
    await expectAccessible('21-password-reset');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email').fill(invitedEmail);
    await page.getByLabel(/^Password/).fill('dana-newer-password');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Audits' }).waitFor();
  }, 360_000);
});
